package render

import "sync"

// Shared is work the renderers of one document share within one export:
// the print layout, which the PDF draws and the EPUB takes its page
// numbers from, is made once. The renderers may run at once; the first
// to ask for a piece of work does it and the others wait for it. A nil
// *Shared shares nothing: each caller does its own work.
type Shared struct {
	mu   sync.Mutex
	work map[string]*sharedWork
}

type sharedWork struct {
	once sync.Once
	val  any
	err  error
}

// NewShared is an empty store, for one document.
func NewShared() *Shared { return &Shared{work: map[string]*sharedWork{}} }

// Do returns the result of make for key, calling make only the first time
// key is asked for.
func (s *Shared) Do(key string, make func() (any, error)) (any, error) {
	if s == nil {
		return make()
	}
	s.mu.Lock()
	w, ok := s.work[key]
	if !ok {
		w = &sharedWork{}
		s.work[key] = w
	}
	s.mu.Unlock()
	w.once.Do(func() { w.val, w.err = make() })
	return w.val, w.err
}
