package frontier

import (
	"reflect"
	"sync"
	"testing"
)

func urls(rs []Request) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func req(us ...string) []Request {
	var out []Request
	for _, u := range us {
		out = append(out, Request{URL: u})
	}
	return out
}

func TestMemStateScenarios(t *testing.T) {
	type step func(t *testing.T, m *MemState)
	push := func(want int, us ...string) step {
		return func(t *testing.T, m *MemState) {
			n, err := m.Push(req(us...))
			if err != nil || n != want {
				t.Fatalf("Push(%v) = %d, %v; want %d", us, n, err, want)
			}
		}
	}
	pop := func(n int, want ...string) step {
		return func(t *testing.T, m *MemState) {
			got, err := m.Pop(n)
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(urls(got), want) {
				t.Fatalf("Pop(%d) = %v; want %v", n, urls(got), want)
			}
		}
	}
	pending := func(want int) step {
		return func(t *testing.T, m *MemState) {
			if n, _ := m.Pending(); n != want {
				t.Fatalf("Pending = %d; want %d", n, want)
			}
		}
	}
	done := func(u string) step {
		return func(t *testing.T, m *MemState) { m.Done(u) }
	}
	begin := func(fresh, wantResumed bool) step {
		return func(t *testing.T, m *MemState) {
			r, err := m.BeginRun(fresh)
			if err != nil || r != wantResumed {
				t.Fatalf("BeginRun(%v) = %v, %v; want %v", fresh, r, err, wantResumed)
			}
		}
	}
	end := func(t *testing.T, m *MemState) { m.EndRun() }

	cases := []struct {
		name  string
		steps []step
	}{
		{"fifo and dedupe", []step{begin(false, false), push(2, "a", "b"), push(1, "a", "c"), pop(2, "a", "b"), pending(3), pop(5, "c"), pop(1)}},
		{"done shrinks pending", []step{push(2, "a", "b"), pop(1, "a"), done("a"), pending(1)}},
		{"requeue puts in-flight first in pop order", []step{push(3, "a", "b", "c"), pop(2, "a", "b"), func(t *testing.T, m *MemState) {
			if n, _ := m.Requeue(); n != 2 {
				t.Fatalf("Requeue = %d", n)
			}
		}, pop(3, "a", "b", "c")}},
		{"interrupted run resumes", []step{begin(false, false), push(3, "a", "b", "c"), pop(1, "a"), begin(false, true), pop(3, "a", "b", "c"), push(0, "a")}},
		{"ended run starts afresh", []step{begin(false, false), push(2, "a", "b"), pop(1, "a"), done("a"), end, begin(false, false), pending(0), push(1, "a")}},
		{"fresh forgets an interrupted run", []step{begin(false, false), push(2, "a", "b"), begin(true, false), pending(0), push(2, "a", "b")}},
		{"reset forgets seen", []step{push(1, "a"), func(t *testing.T, m *MemState) { m.Reset() }, pending(0), push(1, "a")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := NewMemState()
			for _, s := range c.steps {
				s(t, m)
			}
		})
	}
}

func TestMemStateValidatorsSurviveRuns(t *testing.T) {
	m := NewMemState()
	m.BeginRun(false)
	m.SetValidators("a", Validators{ETag: `"x"`})
	m.EndRun()
	m.BeginRun(true)
	m.Reset()
	if v, _ := m.Validators("a"); v.ETag != `"x"` {
		t.Fatalf("validators lost: %+v", v)
	}
}

func TestMemStateConcurrent(t *testing.T) {
	m := NewMemState()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				m.Push(req(string(rune('a'+g)) + string(rune('0'+i%50))))
				for _, r := range mustPop(m) {
					m.Done(r.URL)
				}
			}
		}(g)
	}
	wg.Wait()
	for len(mustPop(m)) > 0 {
	}
	if n, _ := m.Push(req("a0")); n != 0 {
		t.Fatal("seen set lost an entry")
	}
}

func mustPop(m *MemState) []Request {
	r, _ := m.Pop(3)
	for _, x := range r {
		m.Done(x.URL)
	}
	return r
}
