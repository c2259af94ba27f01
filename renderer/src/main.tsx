// The renderer's entry: the report page at #/report?…, the app screen everywhere else.
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/report.css';
import './styles/charts.css';
import './styles/compare.css';
import './styles/binding.css';
import './styles/maps.css';
import './styles/workshop.css';
import './styles/theme.css';
import { lazy, StrictMode, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { currentPageSession } from '../../shared/client/http-session.ts';
import { parseReportHash } from '../../shared/report/report-route.ts';
import { startTheme } from './workshop/theme.ts';

// In a browser (not Electron), take the one-time sign-in ticket out of the address bar before anything reads the route.
if (!window.flowmap) currentPageSession();

// Light or dark, following the system unless the user chose (the report page stays light: it is paper).
startTheme();

// Each screen is its own chunk: the printed report (`vsm report` opens it in a fresh browser) does not parse
// the editor, the canvas and the importers first, nor the app the report's sheets.
const App = lazy(() => import('./app/App.tsx').then((m) => ({ default: m.App })));
const ReportPage = lazy(() => import('./report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));

function Root() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const report = parseReportHash(hash);
  const page = report ? 'report' : 'app';
  useLayoutEffect(() => {
    document.documentElement.dataset.page = page;
  }, [page]);
  return <Suspense fallback={null}>{report ? <ReportPage key={hash} query={report} /> : <App />}</Suspense>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
