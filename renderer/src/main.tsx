import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { connectToHost } from './api/hostApi';
import { App } from './App';
import './styles.css';
import './article.css';
import './controls.css';

// zod would probe for eval once (new Function); the Content Security Policy forbids it, rightly.
z.config({ jitless: true });

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
