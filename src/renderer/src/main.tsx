import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>一窗通</div>);
