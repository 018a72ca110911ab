package notify

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"newsarchive/store"
)

// Outbox is what a Sender needs of the archive; *store.Store is one.
type Outbox interface {
	OutboxDue(now time.Time, limit int) ([]store.OutboxEntry, error)
	OutboxPending() (int, time.Time, error)
	OutboxSent(id uint64, at time.Time) error
	OutboxRetry(id uint64, next time.Time, msg string) error
	OutboxFail(id uint64, at time.Time, msg string) error
	OutboxPrune(sentBefore time.Time) (int, error)
}

// Sender defaults.
const (
	DefaultMinBackoff = 5 * time.Second
	DefaultMaxBackoff = time.Hour
	DefaultTimeout    = 30 * time.Second
	defaultPoll       = time.Second
	dueBatch          = 1000
	pruneEvery        = time.Hour
)

// Sender delivers the outbox's due entries, one worker per target.
type Sender struct {
	Outbox Outbox
	Rules  []Rule
	Log    *slog.Logger
	// Timeout bounds one webhook call or one SMTP session (0: DefaultTimeout).
	Timeout time.Duration
	// MinBackoff and MaxBackoff bound the delay before a retry (0: the
	// defaults); it doubles from MinBackoff with each failed attempt.
	MinBackoff, MaxBackoff time.Duration
	// Poll is how often Run looks for due entries when not kicked (0: 1s).
	Poll time.Duration
	// KeepSent is how long a delivered entry stays in the outbox, for
	// `notify --list` and serve's notifications page; Run removes older
	// ones when it starts and hourly (0: kept for ever). Failed entries
	// are always kept.
	KeepSent time.Duration
	// Now is the clock (nil: time.Now); tests set it.
	Now func() time.Time
	// HTTP is the webhook client (nil: one with Timeout and no redirects).
	HTTP *http.Client
	// TLS, if set, is the TLS configuration for SMTP (nil: the system's
	// roots); tests and private mail servers set their own roots.
	TLS *tls.Config

	once     sync.Once
	mu       sync.Mutex
	inflight map[uint64]bool
	targets  map[string]*target
	kick     chan struct{}
	work     sync.WaitGroup
}

// target is one rule's webhook or e-mail, with its queue and worker.
type target struct {
	name    string
	queue   []store.OutboxEntry
	running bool
	paused  time.Time // after a failure, no new attempt before this
}

func (s *Sender) init() {
	s.once.Do(func() {
		s.inflight = map[uint64]bool{}
		s.targets = map[string]*target{}
		s.kick = make(chan struct{}, 1)
		if s.HTTP == nil {
			s.HTTP = newHTTPClient(s.timeout())
		}
		if s.Log == nil {
			s.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
		}
	})
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Sender) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return DefaultTimeout
}

// Kick tells a running sender that new entries may be due.
func (s *Sender) Kick() {
	s.init()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Pass sends every entry due now once and returns when those attempts are
// recorded.
func (s *Sender) Pass(ctx context.Context) error {
	s.init()
	err := s.dispatch(ctx)
	s.work.Wait()
	return err
}

// Run delivers until ctx is done, then waits for attempts in flight (which
// ctx cancels; an interrupted attempt stays pending and is made again).
func (s *Sender) Run(ctx context.Context) {
	s.init()
	defer s.work.Wait()
	poll := s.Poll
	if poll <= 0 {
		poll = defaultPoll
	}
	var pruned time.Time
	for {
		if now := s.now(); s.KeepSent > 0 && now.Sub(pruned) >= pruneEvery {
			pruned = now
			if n, err := s.Outbox.OutboxPrune(now.Add(-s.KeepSent)); err != nil {
				s.Log.Error("notify: pruning the outbox", "err", err)
			} else if n > 0 {
				s.Log.Info("notify: removed delivered notifications past notify_keep_sent", "removed", n)
			}
		}
		if err := s.dispatch(ctx); err != nil {
			s.Log.Error("notify: reading the outbox", "err", err)
		}
		wait := poll
		if _, next, err := s.Outbox.OutboxPending(); err == nil && !next.IsZero() {
			if d := next.Sub(s.now()); d > 0 && d < wait {
				wait = d
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.kick:
		case <-t.C:
		}
		t.Stop()
	}
}

// Wait returns once the outbox has nothing pending and nothing in flight,
// or after wait (with the number still pending), while Run delivers. It
// returns early when what is left is not due before wait is over.
func (s *Sender) Wait(ctx context.Context, wait time.Duration) int {
	s.init()
	end := time.Now().Add(wait)
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		n, next, err := s.Outbox.OutboxPending()
		s.mu.Lock()
		busy := len(s.inflight)
		s.mu.Unlock()
		if err == nil && busy == 0 && (n == 0 || next.Sub(s.now()) > time.Until(end)) {
			return n
		}
		select {
		case <-ctx.Done():
			return n
		case <-deadline.C:
			return n
		case <-tick.C:
		}
	}
}

// dispatch hands every due entry not already in flight to its target's
// worker, unless the target is paused after a failure.
func (s *Sender) dispatch(ctx context.Context) error {
	if ctx.Err() != nil {
		return nil
	}
	// The read is under the lock: a worker records an attempt before it
	// takes the lock to clear the entry from inflight, so an entry read
	// as due here is either still in flight or truly due.
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	due, err := s.Outbox.OutboxDue(now, dueBatch)
	if err != nil {
		return err
	}
	for _, e := range due {
		if s.inflight[e.ID] {
			continue
		}
		name := e.Rule + "/" + e.Target
		t := s.targets[name]
		if t == nil {
			t = &target{name: name}
			s.targets[name] = t
		}
		if t.paused.After(now) {
			continue
		}
		s.inflight[e.ID] = true
		t.queue = append(t.queue, e)
		if !t.running {
			t.running = true
			s.work.Add(1)
			go s.worker(ctx, t)
		}
	}
	return nil
}

// worker delivers t's queue in order. After a failure that will be retried
// it drops the rest of the queue, which waits for the target to recover
// instead of each entry timing out in turn.
func (s *Sender) worker(ctx context.Context, t *target) {
	defer s.work.Done()
	for {
		s.mu.Lock()
		if len(t.queue) == 0 || ctx.Err() != nil {
			for _, e := range t.queue {
				delete(s.inflight, e.ID)
			}
			t.queue, t.running = nil, false
			s.mu.Unlock()
			return
		}
		e := t.queue[0]
		t.queue = t.queue[1:]
		s.mu.Unlock()

		retryAt, err := s.attempt(ctx, e)

		s.mu.Lock()
		delete(s.inflight, e.ID)
		if err != nil && !retryAt.IsZero() {
			t.paused = retryAt
			for _, q := range t.queue {
				delete(s.inflight, q.ID)
			}
			t.queue = nil
		}
		s.mu.Unlock()
	}
}

// attempt delivers e once and records the outcome. It returns the time of
// the next attempt when the failure is retried.
func (s *Sender) attempt(ctx context.Context, e store.OutboxEntry) (time.Time, error) {
	rule, ok := s.rule(e.Rule)
	var err error
	if !ok {
		err = &attemptError{err: fmt.Errorf("rule %q is no longer configured", e.Rule), permanent: true}
	} else {
		cctx, cancel := context.WithTimeout(ctx, s.timeout())
		err = s.deliver(cctx, rule, e)
		cancel()
	}
	now := s.now()
	log := s.Log.With("rule", e.Rule, "target", e.Target, "key", e.Key, "version", e.To, "attempt", e.Attempts+1)
	if err == nil {
		log.Info("notification sent")
		return time.Time{}, s.record(s.Outbox.OutboxSent(e.ID, now))
	}
	if ctx.Err() != nil {
		// Stopped mid-attempt: it stays pending, as after a crash, and
		// is made again (same idempotency key) by the next sender.
		return time.Time{}, err
	}
	var ae *attemptError
	if errors.As(err, &ae) && ae.permanent {
		log.Warn("notification failed", "err", err)
		return time.Time{}, s.record(s.Outbox.OutboxFail(e.ID, now, err.Error()))
	}
	delay := s.backoff(e.Attempts + 1)
	if ae != nil && ae.retryAfter > 0 {
		delay = ae.retryAfter
	}
	next := now.Add(delay)
	if next.Sub(e.Created) > rule.retryFor() {
		msg := fmt.Sprintf("gave up after %d attempts over %s: %v", e.Attempts+1, now.Sub(e.Created).Round(time.Second), err)
		log.Warn("notification failed", "err", msg)
		return time.Time{}, s.record(s.Outbox.OutboxFail(e.ID, now, msg))
	}
	log.Info("notification will be retried", "err", err, "next", next.UTC().Format(time.RFC3339))
	return next, s.record(s.Outbox.OutboxRetry(e.ID, next, err.Error()))
}

func (s *Sender) record(err error) error {
	if err != nil {
		s.Log.Error("notify: recording a delivery", "err", err)
	}
	return err
}

func (s *Sender) rule(name string) (Rule, bool) {
	for _, r := range s.Rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// deliver makes one attempt at e's target.
func (s *Sender) deliver(ctx context.Context, r Rule, e store.OutboxEntry) error {
	switch {
	case e.Target == TargetWebhook && r.Webhook != nil:
		return postWebhook(ctx, s.HTTP, r.Webhook, e.Event, e.IdemKey, e.Payload, s.now())
	case e.Target == TargetEmail && r.Email != nil:
		var p Payload
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			return &attemptError{err: fmt.Errorf("payload: %w", err), permanent: true}
		}
		msg, err := newMessage(r.Email, p, e.IdemKey)
		if err != nil {
			return &attemptError{err: err, permanent: true}
		}
		return sendEmail(ctx, r.Email, msg, s.timeout(), s.TLS)
	}
	return &attemptError{err: fmt.Errorf("rule %q has no %s target any more", r.Name, e.Target), permanent: true}
}

// backoff is the delay before attempt n+1: MinBackoff doubled per failed
// attempt, capped at MaxBackoff, plus up to half again of jitter so that
// many entries failing together do not retry together.
func (s *Sender) backoff(failed int) time.Duration {
	lo, hi := s.MinBackoff, s.MaxBackoff
	if lo <= 0 {
		lo = DefaultMinBackoff
	}
	if hi <= 0 {
		hi = DefaultMaxBackoff
	}
	d := lo
	for i := 1; i < failed && d < hi; i++ {
		d *= 2
	}
	d = min(d, hi)
	return d + rand.N(d/2+1)
}

// Send makes one delivery of payload p to every target of r now, outside
// the outbox (for a test notification), and returns the first error.
func (s *Sender) Send(ctx context.Context, r Rule, p Payload) error {
	s.init()
	p.Test = true
	body, err := encodePayload(p)
	if err != nil {
		return err
	}
	var errs []error
	for _, t := range r.targets() {
		e := store.OutboxEntry{Rule: r.Name, Target: t, Key: p.Key, Event: p.Event, To: p.ToVersion,
			IdemKey: IdempotencyKey("test:"+r.Name, p.Key, int(s.now().UnixNano()%1e9)), Payload: body}
		cctx, cancel := context.WithTimeout(ctx, s.timeout())
		if err := s.deliver(cctx, r, e); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", t, err))
		}
		cancel()
	}
	return errors.Join(errs...)
}
