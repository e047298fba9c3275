// Placeholder: to be built.
export default function ChargerPage() {
  return <main><h1>ChargerPage</h1></main>;
}
