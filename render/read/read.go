// Package read turns input bytes into the document model. It owns what is
// common to every input: refusing what is not text, decoding what is not
// UTF-8, and choosing the reader. The readers themselves (text, Markdown,
// HTML) live in sub-packages and register here, as renderers do in render.
package read

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read/images"
)

// Reader builds a Document from decoded UTF-8 text.
type Reader interface {
	// Name is the format's name for --from: "text", "markdown", "html".
	Name() string
	// Extensions are the file name endings this reader claims, lower case
	// with the dot.
	Extensions() []string
	// Sniff reports how sure the reader is (0 to 1) that text is its
	// format, for standard input and unknown extensions.
	Sniff(text string) float64
	// Read parses text. It reports what it dropped or could not hold
	// through opt.Warn; an error means there is no article to render.
	Read(text string, opt Options) (*render.Document, error)
}

// Options carry what a reader may need beyond the text.
type Options struct {
	Name string // the input's name, for messages ("-" for standard input)
	Dir  string // the folder relative paths (images) are read from
	Lang string // --lang: the document language when the input has none
	Warn func(render.Warning)

	FetchImages bool // --fetch-images: remote images may be downloaded
	NoExtract   bool // --no-extract: keep a whole web page, do not extract the article
	Strict      bool // --strict: a reader may stop at the first problem

	// Images are the bounds on the article's images (--max-image-pixels,
	// --max-images, --fetch-timeout, --max-fetch-size); readers take them
	// through ImageOptions, which adds Dir and FetchImages.
	Images images.Options
}

// Warnf reports a warning if the caller asked for them.
func (o Options) Warnf(code, format string, args ...any) {
	if o.Warn != nil {
		o.Warn(render.Warning{Code: code, Message: fmt.Sprintf(format, args...)})
	}
}

var (
	mu      sync.RWMutex
	readers = map[string]Reader{}
)

// Register makes a reader available; readers call it from init.
func Register(r Reader) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := readers[r.Name()]; dup {
		panic("read: Register called twice for " + r.Name())
	}
	readers[r.Name()] = r
}

// Lookup finds a reader by name.
func Lookup(name string) (Reader, bool) {
	mu.RLock()
	defer mu.RUnlock()
	r, ok := readers[name]
	return r, ok
}

// Names lists the registered readers in a stable order.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	var names []string
	for n := range readers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Detect picks a reader for an input: by its extension when a reader
// claims it, else by sniffing the text (highest score wins, ties broken by
// name so the choice never depends on map order), else plain text.
func Detect(name, text string) (Reader, error) {
	mu.RLock()
	defer mu.RUnlock()
	ext := strings.ToLower(filepath.Ext(name))
	var names []string
	for n, r := range readers {
		names = append(names, n)
		for _, e := range r.Extensions() {
			if ext != "" && e == ext {
				return r, nil
			}
		}
	}
	sort.Strings(names)
	var best Reader
	bestScore := 0.0
	for _, n := range names {
		if s := readers[n].Sniff(text); s > bestScore {
			best, bestScore = readers[n], s
		}
	}
	if best != nil {
		return best, nil
	}
	if r, ok := readers["text"]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("no reader for this input")
}
