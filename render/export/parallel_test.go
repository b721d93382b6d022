package export

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/offprint/offprint/render"
)

// fakeRenderer writes its name, after warning twice; the slow one waits
// until the fast one has finished, so the two must run at once and
// finish out of order. Run one after the other, the slow one gives up
// waiting and fails.
type fakeRenderer struct {
	name string
	wait <-chan struct{}
	done chan<- struct{}
	fail bool
}

func (f fakeRenderer) Name() string { return f.name }
func (f fakeRenderer) Ext() string  { return "." + f.name }
func (f fakeRenderer) Render(w io.Writer, doc *render.Document, opt render.Options) error {
	if f.wait != nil {
		select {
		case <-f.wait:
		case <-time.After(10 * time.Second):
			return errors.New(f.name + " ran alone")
		}
	}
	if f.done != nil {
		defer close(f.done)
	}
	opt.Warnf("test", "%s one", f.name)
	opt.Warnf("test", "%s two", f.name)
	if f.fail {
		return errors.New(f.name + " failed")
	}
	_, err := fmt.Fprint(w, f.name)
	return err
}

func TestRenderAllKeepsTheOrderAsked(t *testing.T) {
	fastDone := make(chan struct{})
	render.Register(fakeRenderer{name: "test-slow", wait: fastDone})
	render.Register(fakeRenderer{name: "test-fast", done: fastDone})
	render.Register(fakeRenderer{name: "test-fails", fail: true})

	got := renderAll(&render.Document{}, []string{"test-slow", "test-fast", "no-such-format", "test-fails"}, render.Options{})
	if len(got) != 4 {
		t.Fatalf("%d results for 4 formats", len(got))
	}
	for i, want := range []struct {
		out      string
		warnings []string
		err      bool
	}{
		{"test-slow", []string{"test-slow one", "test-slow two"}, false},
		{"test-fast", []string{"test-fast one", "test-fast two"}, false},
		{"", nil, false}, // left for the caller to report
		{"", []string{"test-fails one", "test-fails two"}, true},
	} {
		r := &got[i]
		var msgs []string
		for _, w := range r.warnings {
			msgs = append(msgs, w.Message)
		}
		if r.buf.String() != want.out || !reflect.DeepEqual(msgs, want.warnings) || (r.err != nil) != want.err {
			t.Errorf("format %d: output %q, warnings %q, error %v; want %q, %q, error %v",
				i, r.buf.String(), msgs, r.err, want.out, want.warnings, want.err)
		}
	}
}
