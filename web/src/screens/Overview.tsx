// Placeholder: to be built.
export default function Overview() {
  return <main><h1>Overview</h1></main>;
}
