import { useLibrarySlice } from '../data/useLibrarySlice';
import { useWorkbench } from '../session/workbench';

/** The host's notices (damaged files, spans that did not fit) and the latest message, each dismissable. */
export function NoticeBar() {
  const { client } = useWorkbench();
  const { notices, message } = useLibrarySlice(client, 'notices', client.notices.get);
  return (
    <>
      {notices.length > 0 && (
        <div className="notices" role="alert">
          <ul>
            {notices.map((notice, index) => (
              <li key={index} className={`notice notice-${notice.level}`}>
                {notice.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => client.notices.dismissNotices()}>
            Dismiss
          </button>
        </div>
      )}
      {message && (
        <div className={`message message-${message.level}`} role={message.level === 'error' ? 'alert' : 'status'}>
          <span>{message.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => client.notices.dismissMessage()}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
