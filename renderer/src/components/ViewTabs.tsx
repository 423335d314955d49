import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { WORKBENCH_VIEWS } from '../views/workbenchViews';

/** The header's tabs between the article and the library-wide views (hidden while there is only one). */
export function ViewTabs() {
  const { session } = useWorkbench();
  const view = useSessionState(session, (state) => state.view);
  if (WORKBENCH_VIEWS.length < 2) return null;
  return (
    <nav className="view-tabs" aria-label="Views">
      {WORKBENCH_VIEWS.map((entry) => (
        <button
          key={entry.id}
          type="button"
          className="view-tab"
          aria-pressed={entry.id === view}
          data-view={entry.id}
          title={entry.description}
          onClick={() => session.dispatch({ type: 'setView', view: entry.id })}
        >
          {entry.title}
        </button>
      ))}
    </nav>
  );
}
