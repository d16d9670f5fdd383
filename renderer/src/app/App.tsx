/** The application shell. The real screens (accounts, history, import) arrive with later issues. */
export function App() {
  return (
    <main>
      <h1>Payout Desk</h1>
      <p>Crypto payouts through Calypso, with an offline history of everything paid.</p>
    </main>
  );
}
