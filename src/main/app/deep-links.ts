// SimpleX links handed to the app (the OS via `simplex:` URLs, a second start's arguments) are
// recognised, then held until the renderer has said it is ready (app.ready), so none is lost
// while the window loads or reloads.
import { recognizeSimplexLink } from '../../shared/links/simplex';
import type { OpenedLink } from '../../shared/models/app';

/** A flood of links is not something a person does; older ones are dropped beyond this. */
export const MAX_BUFFERED_LINKS = 10;

export class LinkInbox {
  private ready = false;
  private readonly waiting: OpenedLink[] = [];

  constructor(private readonly deliver: (link: OpenedLink) => void) {}

  /** Accepts `raw` if it is a SimpleX link; returns whether it was one. */
  offer(raw: string): boolean {
    const shape = recognizeSimplexLink(raw);
    if (!shape) return false;
    const link: OpenedLink = { kind: shape.kind, link: shape.link };
    if (this.ready) {
      this.deliver(link);
    } else {
      this.waiting.push(link);
      if (this.waiting.length > MAX_BUFFERED_LINKS) this.waiting.shift();
    }
    return true;
  }

  /** Offers each argument (command lines carry the link among Chromium's switches). */
  offerArgs(args: readonly string[]): void {
    for (const arg of args) this.offer(arg);
  }

  rendererReady(): void {
    this.ready = true;
    for (const link of this.waiting.splice(0)) this.deliver(link);
  }

  /** The page is (re)loading: hold links until it is ready again. */
  rendererGone(): void {
    this.ready = false;
  }
}
