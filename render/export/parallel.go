package export

import (
	"bytes"
	"sync"

	"github.com/offprint/offprint/render"
)

// rendered is one format's output, held until its turn to be written.
type rendered struct {
	buf      bytes.Buffer
	warnings []render.Warning
	err      error
}

// renderAll renders doc in every named format at once, each with opt and
// its own warning list, and returns the results in the order of names.
// A name with no renderer is left empty for the caller to report. The
// renderers only read the document, so they can share it.
func renderAll(doc *render.Document, names []string, opt render.Options) []rendered {
	out := make([]rendered, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		r, ok := render.Lookup(name)
		if !ok {
			continue
		}
		o := &out[i]
		ropt := opt
		ropt.Warn = func(w render.Warning) { o.warnings = append(o.warnings, w) }
		wg.Go(func() { o.err = render.Run(r, &o.buf, doc, ropt) })
	}
	wg.Wait()
	return out
}
