package images

import (
	"fmt"
	"sync"
)

// DefaultMaxImages is how many images one article may load when the
// caller sets no count of its own: enough for a long photo essay, few
// enough that a page of ten thousand tracking pixels cannot make a run
// read or download ten thousand files.
const DefaultMaxImages = 256

// Budget counts the images one article has loaded, so that the count
// limit holds across every image reference the reader meets. One Budget
// belongs to one article; it is safe for concurrent use.
type Budget struct {
	mu    sync.Mutex
	limit int
	used  int
}

// NewBudget allows max images (0 or less: DefaultMaxImages).
func NewBudget(max int) *Budget {
	if max <= 0 {
		max = DefaultMaxImages
	}
	return &Budget{limit: max}
}

// spent reports whether no image may be loaded any more.
func (b *Budget) spent() bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used >= b.limit
}

// take records one image read or one download attempted: a download
// costs time even when it fails, a missing file costs nothing.
func (b *Budget) take() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.used++
	b.mu.Unlock()
}

func (b *Budget) refusal(src string) error {
	return fail(src, "left out: the article already has %d images, the limit (--max-images)", b.limit)
}

// String is for messages and tests.
func (b *Budget) String() string {
	if b == nil {
		return "no count limit"
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return fmt.Sprintf("%d of %d images", b.used, b.limit)
}
