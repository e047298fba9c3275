// Placeholder: to be built.
export default function SignIn() {
  return <main><h1>SignIn</h1></main>;
}
