// Placeholder: to be built.
export default function ChargerList() {
  return <main><h1>ChargerList</h1></main>;
}
