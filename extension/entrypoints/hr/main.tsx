import { render } from 'preact';
import { HrApp } from '../../src/hr/hr-app.tsx';
import '../../src/ui/theme.css';

render(<HrApp />, document.getElementById('app')!);
