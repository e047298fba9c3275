import { Route, Routes } from 'react-router-dom';

// The routes of every screen; each screen lives in src/screens/<name>.
export default function App() {
  return (
    <Routes>
      <Route path="*" element={<main><h1>Manage</h1></main>} />
    </Routes>
  );
}
