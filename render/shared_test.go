package render

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSharedDoesWorkOnce(t *testing.T) {
	s := NewShared()
	var calls atomic.Int32
	var wg sync.WaitGroup
	results := make([]any, 8)
	for i := range results {
		wg.Go(func() {
			v, err := s.Do("layout", func() (any, error) { calls.Add(1); return 42, nil })
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("the work ran %d times, want once", n)
	}
	for i, v := range results {
		if v != 42 {
			t.Errorf("caller %d got %v", i, v)
		}
	}
	if v, _ := s.Do("other", func() (any, error) { return "b", nil }); v != "b" {
		t.Errorf("a second key got %v", v)
	}
	boom := errors.New("boom")
	if _, err := s.Do("fails", func() (any, error) { return nil, boom }); err != boom {
		t.Errorf("error %v, want %v", err, boom)
	}
	var none *Shared
	n := 0
	for range 2 {
		none.Do("x", func() (any, error) { n++; return nil, nil })
	}
	if n != 2 {
		t.Errorf("a nil Shared ran the work %d times, want every time", n)
	}
}
