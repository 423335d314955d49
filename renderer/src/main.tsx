import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './api/hostApi';
import { App } from './App';
import './styles.css';
import './article.css';
import './controls.css';

const root = createRoot(document.getElementById('root')!);
const api = connectToHost();
root.render(
  <StrictMode>
    {api ? (
      <App api={api} />
    ) : (
      <div className="splash error">
        This page needs the address that <code>npm run web</code> printed, including its <code>#token=…</code> part.
      </div>
    )}
  </StrictMode>,
);
