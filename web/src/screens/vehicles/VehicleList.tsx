// Placeholder: to be built.
export default function VehicleList() {
  return <main><h1>VehicleList</h1></main>;
}
