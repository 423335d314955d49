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
     * Where to press and release the mouse to select 1–6 whole words of text visible inside
     * `scrollSelector`, picked by `choice` (three numbers in [0, 1)); null when the point chosen
     * holds no text.
     */
    wordDrag(scrollSelector, choice) {
      const box = document.querySelector(scrollSelector).getBoundingClientRect();
      const x = box.left + 60 + choice[0] * (Math.min(box.width, 700) - 120);
      const y = box.top + 80 + choice[1] * (box.height - 160);
      const caret = document.caretRangeFromPoint(x, y);
      const node = caret?.startContainer;
      if (!node || node.nodeType !== Node.TEXT_NODE) return null;
      const words = [...node.data.matchAll(/[A-Za-z]{2,}/g)];
      if (words.length === 0) return null;
      let first = words.findIndex((word) => word.index + word[0].length >= caret.startOffset);
      if (first < 0) first = words.length - 1;
      const last = Math.min(words.length - 1, first + Math.floor(choice[2] * 6));
      const rectOf = (offset) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getClientRects()[0];
      };
      const startRect = rectOf(words[first].index);
      const endRect = rectOf(words[last].index + words[last][0].length - 1);
      if (!startRect || !endRect) return null;
      return {
        from: { x: startRect.left + 1, y: startRect.top + startRect.height / 2 },
        to: { x: endRect.right - 1, y: endRect.top + endRect.height / 2 },
        text: node.data.slice(words[first].index, words[last].index + words[last][0].length),
      };
    },
  };

  addEventListener('keydown', (event) => (probe.lastKeyDown = event.timeStamp), true);
  addEventListener('click', (event) => (probe.lastClick = event.timeStamp), true);
  window.__newsmarkBench = probe;
})();
