import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a refused connection stays half-open so the client can read the answer. */
export const REFUSAL_LINGER_MS = 2000;

/**
 * Prepares the answer to a request whose body was not (fully) read — refused from its
 * headers, or cut off at a size limit — so that the rest of the body is never read and the
 * answer still arrives. Call before sending the response.
 *
 * Left to itself Node drains an unread body after the answer (reading all of it off the
 * wire), and with `Connection: close` destroys the socket right after the answer — and a
 * socket closed with unread bytes sends a TCP reset that makes clients lose the answer they
 * were sent. Instead: the body and the socket are paused (nothing more is read), our side
 * closes after the answer (FIN), and the socket is destroyed REFUSAL_LINGER_MS later unless the client closed first — what Go's and nginx's servers do.
 */
export function answerWithoutReadingBody(req: IncomingMessage, res: ServerResponse, lingerMs = REFUSAL_LINGER_MS): void {
  if (req.complete) return;
  res.setHeader('Connection', 'close');
  // Node has no public switch for its after-answer drain (IncomingMessage#_dump); it skips
  // requests already marked dumped. Checked by this module's spec on every Node upgrade.
  (req as IncomingMessage & { _dumped?: boolean })._dumped = true;
  req.pause();
  // Stop taking bytes off the wire now: once the answer detaches the request, Node's parser
  // would otherwise keep reading (and dropping) the body.
  req.socket.pause();
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}
