export default function HomePage() {
  return (
    <main style={{ padding: 32, maxWidth: 720 }}>
      <h1>Ferry</h1>
      <p>Artifact distribution service. The REST API is served under /replication/api and /repository/api.</p>
    </main>
  );
}
