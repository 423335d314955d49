// The benchmark's measuring code, installed in every page it measures (ours and the peer's)
// before the page's own scripts (Playwright's addInitScript), so both are measured the same way.
// Plain JavaScript on purpose: it is injected as text, not bundled.
(() => {
  /** Resolves with performance.now() just after the next frame is painted. */
  function afterNextPaint() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        // A message task runs after the frame that the animation frame callback belongs to.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    });
  }

  const probe = {
    /** event.timeStamp of the latest key press and click: when the user acted. */
    lastKeyDown: 0,
    lastClick: 0,
    /** Resolves with the paint time once a highlight the page did not have is painted. */
    painted: null,
    frames: null,

    /**
     * Watches for a highlight element (matching `selector`) whose `idAttribute` was not in the
     * page when armed; `painted` then resolves with the time of the paint that shows it, or
     * with null after `timeoutMs`.
     */
    armHighlight(selector, idAttribute, timeoutMs) {
      const known = new Set([...document.querySelectorAll(selector)].map((element) => element.getAttribute(idAttribute)));
      probe.painted = new Promise((resolve) => {
        const isNew = (element) => element.matches(selector) && !known.has(element.getAttribute(idAttribute));
        // A page may draw the new highlight in a new element or by renaming one it reuses.
        const shows = (record) =>
          record.type === 'attributes'
            ? isNew(record.target)
            : [...record.addedNodes].some((node) => node instanceof Element && (isNew(node) || [...node.querySelectorAll(selector)].some(isNew)));
        const observer = new MutationObserver((records) => {
          if (!records.some(shows)) return;
          observer.disconnect();
          clearTimeout(timer);
          afterNextPaint().then(resolve);
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, timeoutMs);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: [idAttribute] });
      });
    },

    /** Milliseconds from the latest key press (or click) to the paint `armHighlight` awaited, or null. */
    async paintedSince(event) {
      const painted = await probe.painted;
      return painted === null ? null : painted - (event === 'click' ? probe.lastClick : probe.lastKeyDown);
    },

    /** Resolves with the wall-clock time (ms since 1970) of the paint that first shows `selector`. */
    whenPainted(selector) {
      return new Promise((resolve) => {
        const check = () => {
          if (!document.querySelector(selector)) return requestAnimationFrame(check);
          afterNextPaint().then((time) => resolve(performance.timeOrigin + time));
        };
        check();
      });
    },

    /** Starts recording frames: animation-frame times and long animation frames (> 50 ms). */
    startFrames() {
      const frames = { times: [], long: [], running: true, observer: null };
      const tick = (time) => {
        frames.times.push(time);
        if (frames.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const type = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
      frames.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) frames.long.push(entry.duration);
      });
      frames.observer.observe({ type, buffered: false });
      frames.type = type;
      probe.frames = frames;
    },

    /** Stops recording; the longest frame, and the frames longer than 50 ms. */
    stopFrames() {
      const frames = probe.frames;
      frames.running = false;
      frames.observer.takeRecords().forEach((entry) => frames.long.push(entry.duration));
      frames.observer.disconnect();
      let longestGap = 0;
      for (let index = 1; index < frames.times.length; index++) longestGap = Math.max(longestGap, frames.times[index] - frames.times[index - 1]);
      return {
        type: frames.type,
        frames: frames.times.length,
        longestGap,
        longest: Math.max(0, ...frames.long),
        over50: frames.long.filter((duration) => duration > 50).length,
      };
    },

    /**
     * Where `phrase` (which the article holds once) is shown inside `textSelector`, the element
     * holding the article's text, whatever elements the page wraps parts of it in: the top of
     * its first line, and where to press and release the mouse to select it (just inside its
     * first and last characters). Null when the page does not show it.
     */
    phrasePlace(textSelector, phrase) {
      const root = document.querySelector(textSelector);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      const starts = [];
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node);
        starts.push(text.length);
        text += node.data;
      }
      const at = text.indexOf(phrase);
      if (at < 0) return null;
      /** The text node and offset of the character at `offset` in the joined text. */
      const locate = (offset) => {
        let index = nodes.length - 1;
        while (index > 0 && starts[index] > offset) index--;
        return { node: nodes[index], offset: offset - starts[index] };
      };
      const rectOf = (offset) => {
        const { node, offset: inNode } = locate(offset);
        const range = document.createRange();
        range.setStart(node, inNode);
        range.setEnd(node, inNode + 1);
        return range.getClientRects()[0];
      };
      const first = rectOf(at);
      const last = rectOf(at + phrase.length - 1);
      if (!first || !last) return null;
      return {
        top: first.top,
        bottom: last.bottom,
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },

    /**
     * Resolves (with the milliseconds waited) once the page has made no change to its DOM for
     * `quietMs`, checked in idle time, or after `timeoutMs` whatever it does: the work a scroll
     * started (drawing what came into view, or what lies ahead of it) is over.
     */
    whenQuiet(quietMs, timeoutMs) {
      return new Promise((resolve) => {
        const started = performance.now();
        let changed = started;
        const observer = new MutationObserver(() => (changed = performance.now()));
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        const check = () => {
          const now = performance.now();
          if (now - changed < quietMs && now - started < timeoutMs) return requestIdleCallback(check);
          observer.disconnect();
          resolve(now - started);
        };
        requestIdleCallback(check);
      });
    },

    /** The text of the page's current selection. */
    selectedText() {
      return String(getSelection());
    },
  };

  addEventListener('keydown', (event) => (probe.lastKeyDown = event.timeStamp), true);
  addEventListener('click', (event) => (probe.lastClick = event.timeStamp), true);
  window.__newsmarkBench = probe;
})();
