import { render } from 'preact';

render(<main>Firstline</main>, document.getElementById('app')!);
