// Placeholder: to be built.
export default function SessionList() {
  return <main><h1>SessionList</h1></main>;
}
