// Placeholder: to be built.
export default function SessionPage() {
  return <main><h1>SessionPage</h1></main>;
}
