package render

import (
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"sync"
	"time"
)

// Renderer turns a Document into one output format. A renderer package
// registers itself in init (as image formats and database/sql drivers do),
// so adding a format is adding a package and a blank import, nothing else.
type Renderer interface {
	// Name is the format's flag name: "pdf", "epub", "html".
	Name() string
	// Ext is the output file extension, with the dot.
	Ext() string
	// Render writes the whole output to w. It must not keep w or doc.
	Render(w io.Writer, doc *Document, opt Options) error
}

// Options are the choices a renderer needs from the user and the
// environment. Renderers never read the clock or the environment
// themselves: everything that varies comes in here, which is what makes
// output reproducible.
type Options struct {
	PageSize string    // "a4" (default), "letter", "a5"
	Modified time.Time // the one timestamp written into outputs
	Version  string    // offprint's version, for the Creator/generator fields
	Warn     func(Warning)

	// Cover replaces the generated cover image (PNG or JPEG bytes).
	Cover []byte
	// PDFCover puts the cover on the PDF's first page.
	PDFCover bool
	// EPUBFonts embeds the bundled body faces in the EPUB.
	EPUBFonts bool

	// Shared lets the renderers of one document share work (see Shared);
	// nil for none.
	Shared *Shared
}

// Warnf reports a warning if the caller asked for them.
func (o Options) Warnf(code, format string, args ...any) {
	if o.Warn != nil {
		o.Warn(Warning{Code: code, Message: fmt.Sprintf(format, args...)})
	}
}

// Warning is something the user should know about an output that was
// still written. Code groups warnings for --strict and the manifest:
// "decode", "glyph", "image", "extract", "model".
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (w Warning) String() string { return w.Message }

var (
	mu        sync.RWMutex
	renderers = map[string]Renderer{}
)

// Register makes a renderer available by its name. Registering a name
// twice is a programming error.
func Register(r Renderer) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := renderers[r.Name()]; dup {
		panic("render: Register called twice for " + r.Name())
	}
	renderers[r.Name()] = r
}

// Lookup finds a registered renderer.
func Lookup(name string) (Renderer, bool) {
	mu.RLock()
	defer mu.RUnlock()
	r, ok := renderers[name]
	return r, ok
}

// Names lists the registered renderers in a stable order.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	var names []string
	for n := range renderers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Run calls r.Render and turns a panic inside it (fpdf panics on some
// inputs) into an error, so one bad document never takes down a batch.
func Run(r Renderer, w io.Writer, doc *Document, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s renderer failed: %v", r.Name(), p)
			if debugPanics {
				err = fmt.Errorf("%w\n%s", err, debug.Stack())
			}
		}
	}()
	return r.Render(w, doc, opt)
}

// debugPanics adds stack traces to recovered renderer panics; it is for
// offprint's own tests, never for users.
var debugPanics = false

// Timestamp picks the one date written into outputs: SOURCE_DATE_EPOCH when
// the build sets it, else the article's own date, else a fixed epoch. Never
// the clock, so two runs give the same bytes.
func Timestamp(sourceDateEpoch string, doc *Document) (time.Time, error) {
	if sourceDateEpoch != "" {
		var secs int64
		if _, err := fmt.Sscanf(sourceDateEpoch, "%d", &secs); err != nil || fmt.Sprint(secs) != sourceDateEpoch {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds", sourceDateEpoch)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	if t, ok := ParseDate(doc.Meta.Date); ok {
		return t, nil
	}
	return FixedEpoch, nil
}

// FixedEpoch is the timestamp of a document with no date of its own.
var FixedEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ParseDate reads the date forms readers store in Meta.Date.
func ParseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
