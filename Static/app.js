/* binhdan: what JavaScript adds to pages that already work without it. Text size and contrast at once, "Nghe"
   (read aloud), offline copies of opened courses through the service worker (/sw.js), and progress made offline
   kept on the device and sent when the connection returns. Every text comes from the page's data-msg-* attributes. */
(() => {
  'use strict';

  const root = document.documentElement;
  const body = document.body;
  const msg = (name) => body.dataset['msg' + name] || '';
  const QUEUE_LIMIT = 500;
  // The service worker marks a page it had to serve from its cache: the server has not seen this visit.
  const offlineCopy = root.hasAttribute('data-offline-copy');

  const store = {
    get(key, fallback) {
      try {
        const value = localStorage.getItem(key);
        return value === null ? fallback : JSON.parse(value);
      } catch (error) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch (error) {
        // Private mode or a full disk: the page still works, it just forgets.
      }
    },
  };

  function csrfToken() {
    const cookie = document.cookie.match(/(?:^|;\s*)binhdan_csrf=([^;]+)/);
    if (cookie) return decodeURIComponent(cookie[1]);
    const field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  // Browsers older than event.submitter: the last submit button clicked (Enter and Space click too).
  let lastClicked = null;
  document.addEventListener('click', (event) => {
    lastClicked = event.target.closest ? event.target.closest('button') : null;
  }, true);
  const submitterOf = (event) => event.submitter || lastClicked;

  /* Connection status: one live region under the header, visible only when it says something. */
  const banner = document.querySelector('[data-connection-status]');
  let bannerTimer = 0;
  if (banner) banner.hidden = false; // empty, so it takes no room; a live region must exist before it speaks
  function announce(name, sticky) {
    if (!banner || !msg(name)) return;
    clearTimeout(bannerTimer);
    banner.dataset.state = name.toLowerCase();
    banner.textContent = msg(name);
    if (!sticky) bannerTimer = setTimeout(() => { banner.textContent = ''; }, 10000);
  }

  /* Progress made offline: queued on the device, per learner when the page says who, sent when online. */
  const signOutForm = document.querySelector('form[action$="/signout"]');
  let signedIn = Boolean(signOutForm);
  if (offlineCopy) signedIn = signedIn || store.get('binhdan:signed-in', false);
  else store.set('binhdan:signed-in', signedIn);
  const queueKey = 'binhdan:queue' + (body.dataset.learner ? ':' + body.dataset.learner : '');

  function newID() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  function progressEvent(type, courseId, lessonId, extra) {
    return Object.assign({ id: newID(), courseId, lessonId, type, at: new Date().toISOString() }, extra);
  }

  function enqueue(events) {
    const queue = store.get(queueKey, []).concat(events);
    while (queue.length > QUEUE_LIMIT) {
      // Lose a visit before a completion or an answer.
      const visit = queue.findIndex((event) => event.type === 'step' || event.type === 'opened');
      queue.splice(visit >= 0 ? visit : 0, 1);
    }
    store.set(queueKey, queue);
  }

  let flushing = null;
  function flush() {
    const done = () => { flushing = null; };
    if (!flushing) flushing = sendQueue().then(done, done);
    return flushing;
  }

  async function sendQueue() {
    await sendDisplayLater();
    let sent = false;
    for (;;) {
      const batch = store.get(queueKey, []).slice(0, QUEUE_LIMIT);
      if (!batch.length || !signedIn || !navigator.onLine) break;
      let response;
      try {
        response = await fetch('/api/v1/progress', {
          method: 'POST', credentials: 'same-origin', body: JSON.stringify({ events: batch }),
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
        });
      } catch (error) {
        break;
      }
      // 401/403 (signed out, stale token) and 5xx may succeed later; 400 never will, so those events go too.
      if (!response.ok && response.status !== 400) break;
      const ids = new Set(batch.map((event) => event.id));
      store.set(queueKey, store.get(queueKey, []).filter((event) => !ids.has(event.id)));
      sent = sent || response.ok;
    }
    if (sent) announce('Synced');
    return sent;
  }

  const coursePath = (path) => path.match(/^\/courses\/([^/]+)\/([^/]+)(?:\/steps\/(\d+))?\/?$/);
  const step = document.querySelector('article.step[data-course][data-lesson][data-step]');
  const here = coursePath(location.pathname);

  // The server records a visit when it serves the page; a copy from the cache is recorded here instead.
  if (offlineCopy && signedIn) {
    if (step) {
      enqueue([progressEvent('step', step.dataset.course, step.dataset.lesson, { step: Number(step.dataset.step) })]);
    } else if (here && !here[3] && document.getElementById('lesson-content')) {
      enqueue([progressEvent('opened', here[1], here[2])]);
    }
  }

  async function isCached(href) {
    if (!href || !window.caches) return false;
    const url = new URL(href, location.href);
    return Boolean(await caches.match(url.origin + url.pathname, { ignoreSearch: true, ignoreVary: true }));
  }

  // "Tôi đã học xong bài này" and the last step's answer, offline: queued, then on to the next page if it is kept.
  document.querySelectorAll('form[action$="/complete"]').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      const target = coursePath((form.getAttribute('action') || '').replace(/\/complete$/, ''));
      if ((navigator.onLine && !offlineCopy) || !target) return;
      event.preventDefault();
      const button = submitterOf(event);
      const answer = button && button.name === 'answer' ? button.value : '';
      const last = step ? { step: Number(step.dataset.step) } : {};
      const events = [];
      if (answer) events.push(progressEvent('answered', target[1], target[2], Object.assign({ answer }, last)));
      if (answer !== 'retry') events.push(progressEvent('completed', target[1], target[2]));
      enqueue(events);
      announce('Queued', true);
      const lesson = `/courses/${target[1]}/${target[2]}`;
      const next = answer === 'retry'
        ? [`${lesson}/steps/1`]
        : [document.querySelector('.pager a[rel="next"]'), document.querySelector('.pager-course, .step-course a')]
          .map((link) => link && link.getAttribute('href'));
      for (const href of next) {
        if (await isCached(href)) {
          try { sessionStorage.setItem('binhdan:announce', 'Queued'); } catch (error) { /* shown here already */ }
          location.assign(href);
          return;
        }
      }
    });
  });

  // Signing out: send what is queued first, and forget this learner's pages kept for offline reading.
  let signingOut = false;
  if (signOutForm) {
    signOutForm.addEventListener('submit', (event) => {
      if (signingOut || !navigator.onLine) return;
      event.preventDefault();
      signingOut = true;
      const pause = new Promise((resolve) => setTimeout(resolve, 4000));
      Promise.race([flush(), pause])
        .then(() => window.caches && caches.keys())
        .then((names) => Promise.all((names || []).filter((name) => name.startsWith('binhdan-pages'))
          .map((name) => caches.delete(name))))
        .catch(() => {})
        .then(() => signOutForm.submit());
    });
  }

  /* Text size and contrast: applied at once, sent in the background, remembered on the device. */
  const displayForm = document.querySelector('form.display-tools');
  const currentDisplay = () => ({
    textSize: root.classList.contains('text-larger') ? 'larger' : root.classList.contains('text-large') ? 'large' : 'normal',
    contrast: root.classList.contains('contrast-high') ? 'high' : 'normal',
  });

  function applyDisplay(choice) {
    if (choice.textSize) {
      root.classList.remove('text-large', 'text-larger');
      if (choice.textSize !== 'normal') root.classList.add('text-' + choice.textSize);
    }
    if (choice.contrast) root.classList.toggle('contrast-high', choice.contrast === 'high');
    if (!displayForm) return;
    const now = currentDisplay();
    displayForm.querySelectorAll('button[name="textSize"]').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.value === now.textSize));
    });
    const contrast = displayForm.querySelector('button[name="contrast"]');
    if (contrast) {
      contrast.setAttribute('aria-pressed', String(now.contrast === 'high'));
      contrast.value = now.contrast === 'high' ? 'normal' : 'high';
    }
  }

  let displaySending = Promise.resolve();
  function postDisplay(choice) {
    const fields = new URLSearchParams(choice);
    fields.set('_csrf', csrfToken());
    const returnTo = displayForm && displayForm.querySelector('input[name="returnTo"]');
    if (returnTo) fields.set('returnTo', returnTo.value);
    return fetch((displayForm && displayForm.getAttribute('action')) || '/preferences', {
      method: 'POST', credentials: 'same-origin', body: fields,
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
    }).then((response) => {
      if (!response.ok) throw new Error('preferences: ' + response.status);
    });
  }

  // A choice made offline is sent with the queue once the connection returns.
  function sendDisplayLater() {
    if (!store.get('binhdan:display-pending', false) || !navigator.onLine) return Promise.resolve();
    return postDisplay(currentDisplay()).then(() => store.set('binhdan:display-pending', false), () => {});
  }

  if (offlineCopy || store.get('binhdan:display-pending', false)) applyDisplay(store.get('binhdan:display', {}));
  store.set('binhdan:display', currentDisplay());

  if (displayForm) {
    displayForm.addEventListener('submit', (event) => {
      const button = submitterOf(event);
      if (!button || !button.name || !displayForm.contains(button)) return;
      event.preventDefault();
      const choice = { [button.name]: button.value };
      applyDisplay(choice);
      store.set('binhdan:display', currentDisplay());
      if (!navigator.onLine) {
        store.set('binhdan:display-pending', true);
        return;
      }
      displaySending = displaySending.then(() => postDisplay(choice)).catch(() => {
        if (!navigator.onLine) {
          store.set('binhdan:display-pending', true);
          return;
        }
        // The plain form, as without JavaScript.
        const field = document.createElement('input');
        field.type = 'hidden';
        field.name = button.name;
        field.value = button.value;
        displayForm.appendChild(field);
        displayForm.submit();
      });
    });
  }

  /* "Nghe": reads the lesson or step aloud, one sentence at a time, highlighting the sentence being read. */
  const synth = window.speechSynthesis;
  const stoppers = [];
  const BLOCK = /^(P|LI|H[1-6]|TD|TH|DT|DD|FIGCAPTION|BLOCKQUOTE|PRE|DIV|SECTION|ASIDE|SUMMARY|CAPTION|TABLE|UL|OL)$/;
  const SENTENCE_END = /[.!?…]+["'”’»)\]]*(?:\s+|$)/g;

  // Wraps the text in spans, one or more per sentence; elements, links and images stay as they were.
  function sentencesOf(container) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeValue.trim() && !node.parentElement.closest('script, style, [aria-hidden="true"]')
        ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const sentences = [];
    let current = null;
    let lastBlock = null;
    for (const node of nodes) {
      let block = node.parentElement;
      while (block !== container && !BLOCK.test(block.tagName)) block = block.parentElement;
      if (block !== lastBlock) current = null;
      lastBlock = block;
      const text = node.nodeValue;
      const pieces = [];
      let start = 0;
      SENTENCE_END.lastIndex = 0;
      for (let match; (match = SENTENCE_END.exec(text));) {
        pieces.push([text.slice(start, SENTENCE_END.lastIndex), true]);
        start = SENTENCE_END.lastIndex;
      }
      if (start < text.length) pieces.push([text.slice(start), false]);
      const fragment = document.createDocumentFragment();
      for (const [piece, ends] of pieces) {
        if (!piece.trim()) {
          fragment.appendChild(document.createTextNode(piece));
          continue;
        }
        if (!current) {
          current = { text: '', spans: [] };
          sentences.push(current);
        }
        const span = document.createElement('span');
        span.className = 'listen-sentence';
        span.textContent = piece;
        fragment.appendChild(span);
        current.spans.push(span);
        current.text += piece;
        if (ends) current = null;
      }
      node.parentNode.replaceChild(fragment, node);
    }
    return sentences.filter((sentence) => /[0-9A-Za-z\u00C0-\u1EF9]/.test(sentence.text));
  }

  function voices() {
    const now = synth.getVoices();
    if (now.length) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (synth.removeEventListener) synth.removeEventListener('voiceschanged', done);
        resolve(synth.getVoices());
      };
      const timer = setTimeout(done, 2000);
      if (synth.addEventListener) synth.addEventListener('voiceschanged', done);
    });
  }

  function voiceFor(list, language) {
    const tag = (voice) => voice.lang.replace('_', '-').toLowerCase();
    const region = language === 'vi' ? 'vi-vn' : language;
    return list.find((voice) => tag(voice) === region) || list.find((voice) => tag(voice).split('-')[0] === language);
  }

  function setUpListen(box) {
    const button = box.querySelector('[data-listen]');
    const content = document.getElementById(box.dataset.listenFor);
    if (!button || !content) return;
    const status = document.createElement('p');
    status.className = 'listen-status';
    status.setAttribute('role', 'status');
    box.appendChild(status);
    button.setAttribute('aria-pressed', 'false');
    button.hidden = false;
    const language = (content.lang || root.lang || 'vi').split('-')[0].toLowerCase();
    let sentences = null;
    let reading = 0; // the reading under way, 0 when none: a later start or stop outdates the callbacks of earlier ones
    let readings = 0;
    let highlighted = [];

    function highlight(spans) {
      highlighted.forEach((span) => span.classList.remove('listen-current'));
      highlighted = spans;
      spans.forEach((span) => span.classList.add('listen-current'));
      if (spans[0]) spans[0].scrollIntoView({ block: 'nearest' });
    }

    function stop() {
      if (!reading) return;
      reading = 0;
      synth.cancel();
      highlight([]);
      button.textContent = msg('Listen');
      button.setAttribute('aria-pressed', 'false');
    }
    stoppers.push(stop);

    function noVoice(id) {
      if (reading !== id) return;
      stop();
      status.textContent = msg('NoVoice');
    }

    async function start() {
      status.textContent = '';
      if (!synth || !window.SpeechSynthesisUtterance) {
        status.textContent = msg('NoSpeech');
        return;
      }
      const id = ++readings;
      reading = id;
      button.textContent = msg('ListenStop');
      button.setAttribute('aria-pressed', 'true');
      synth.cancel();
      const list = await voices();
      if (reading !== id) return;
      const voice = voiceFor(list, language);
      // A browser that lists voices and has none for the language says so; one that lists none may still speak.
      if (!voice && list.length) return noVoice(id);
      if (!sentences) sentences = sentencesOf(content);
      let started = false;
      const watchdog = setTimeout(() => { if (!started) noVoice(id); }, 6000);
      const speak = (index) => {
        if (reading !== id) return;
        if (index >= sentences.length) {
          clearTimeout(watchdog);
          stop();
          return;
        }
        highlight(sentences[index].spans);
        try {
          const utterance = new SpeechSynthesisUtterance(sentences[index].text.trim());
          utterance.lang = voice ? voice.lang.replace('_', '-') : language;
          if (voice) utterance.voice = voice;
          utterance.rate = 0.9;
          utterance.onstart = () => { started = true; };
          utterance.onend = () => speak(index + 1);
          utterance.onerror = (event) => {
            if (event.error === 'interrupted' || event.error === 'canceled') return;
            if (!started) noVoice(id);
            else stop();
          };
          button.utterance = utterance; // keeps it from being collected before it ends (Chrome)
          synth.speak(utterance);
        } catch (error) {
          noVoice(id);
        }
      };
      speak(0);
    }

    button.addEventListener('click', () => (reading ? stop() : start()));
  }

  document.querySelectorAll('.listen[data-listen-for]').forEach(setUpListen);
  const stopReading = () => stoppers.forEach((stop) => stop());
  window.addEventListener('pagehide', stopReading);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') stopReading(); });
  if (synth && stoppers.length) synth.cancel(); // anything left over from the previous page

  /* Offline copies: the service worker, and the pages of this course it should keep. */
  function pagesToKeep() {
    const connection = navigator.connection || {};
    const assets = Array.from(document.querySelectorAll('link[rel="stylesheet"][href], script[src]'),
      (element) => element.getAttribute('href') || element.getAttribute('src'));
    const keep = { type: 'keep', lang: root.lang, assets, pages: [], lessons: [] };
    if (connection.saveData || /2g/.test(connection.effectiveType || '')) return keep;
    const course = location.pathname.match(/^\/courses\/([^/]+)\/?$/);
    if (course) {
      const lesson = new RegExp(`^/courses/${course[1]}/[^/]+$`);
      document.querySelectorAll('main a[href]').forEach((link) => {
        const url = new URL(link.href);
        if (url.origin === location.origin && lesson.test(url.pathname)) keep.pages.push(url.pathname);
      });
    } else if (here) {
      keep.lessons.push(`/courses/${here[1]}/${here[2]}`);
    }
    return keep;
  }

  if ('serviceWorker' in navigator) {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('/sw.js')
        .then(() => navigator.serviceWorker.ready)
        .then((registration) => {
          if (registration.active && navigator.onLine && !offlineCopy) registration.active.postMessage(pagesToKeep());
        })
        .catch(() => {});
    });
  }

  window.addEventListener('offline', () => announce('Offline', true));
  window.addEventListener('online', () => {
    announce('Online');
    flush();
  });
  window.addEventListener('pageshow', (event) => { if (event.persisted) flush(); });

  let carried = null;
  try {
    carried = sessionStorage.getItem('binhdan:announce');
    sessionStorage.removeItem('binhdan:announce');
  } catch (error) { /* nothing carried */ }
  if (carried) announce(carried, true);
  else if (!navigator.onLine || offlineCopy) announce('Offline', true);
  // A copy from the cache means the network just failed: wait for it to come back.
  if (!offlineCopy) flush();

  /* "Tôi cần giúp đỡ": the first time a step's help is opened on this page, a `help` event for that step joins the
     progress queue, so trainers see where learners need help. Without JavaScript nothing is recorded. */
  const stepHelp = step && document.querySelector('details.step-help');
  if (stepHelp && signedIn) {
    let helpRecorded = false;
    stepHelp.addEventListener('toggle', () => {
      if (!stepHelp.open || helpRecorded) return;
      helpRecorded = true;
      enqueue([progressEvent('help', step.dataset.course, step.dataset.lesson, { step: Number(step.dataset.step) })]);
      flush();
    });
  }
})();

// Live preview (`binhdan serve --watch`): refresh the page once the server has reloaded the content.
(() => {
  const shown = document.body && document.body.dataset.watch;
  if (shown === undefined) return;
  const check = () => {
    fetch('/api/v1/content/version', { cache: 'no-store', credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((version) => {
        if (version && String(version.generation) !== shown) location.reload();
        else setTimeout(check, 500);
      })
      .catch(() => setTimeout(check, 2000));
  };
  setTimeout(check, 500);
})();
