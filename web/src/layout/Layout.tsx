// Placeholder: to be built.
export default function Layout() {
  return <main><h1>Layout</h1></main>;
}
