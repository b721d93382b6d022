// Package export runs the whole path for one input: read it into the
// model, hand the model to each requested renderer, and put the outputs in
// place atomically. The CLI is a thin layer over it; so are the tests.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
	"github.com/offprint/offprint/render/read/images"
)

// Options are one export run's choices, already validated by the caller.
type Options struct {
	Formats         []string // renderer names, in the order outputs are written
	OutDir          string   // "" means the current folder
	Name            string   // output base name for standard input
	From            string   // force a reader by name
	Lang            string   // language when the input declares none
	PageSize        string
	Version         string
	SourceDateEpoch string
	Stdin           io.Reader
	FetchImages     bool // remote images may be downloaded
	NoExtract       bool // keep a whole web page instead of extracting the article
	Strict          bool
	Cover           []byte // replaces the generated cover (PNG or JPEG)
	PDFCover        bool   // the PDF starts with the cover
	EPUBFonts       bool   // the EPUB embeds the body faces

	// Limits, each 0 for its default: the largest input read
	// (DefaultMaxInput), and the bounds on an article's images (pixels,
	// count, download time, bytes per image: see images.Options).
	MaxInputSize   int64
	MaxImagePixels int64
	MaxImages      int
	FetchTimeout   time.Duration
	MaxFetchSize   int64
}

// Result is what happened to one input.
type Result struct {
	Input    string
	Outputs  []string // paths written, in Options.Formats order
	Files    []Output // the same outputs, described for the manifest
	Warnings []render.Warning
	Notes    []render.Warning // explanations (render.Info), for --verbose
	Err      error            // one line, naming the input
}

// DefaultMaxInput is the largest input read when Options.MaxInputSize is
// 0: far above any article (a long one is a few hundred KiB; a book is
// a few MiB). The print layout of a whole article is held until its
// pages are drawn, about 20 bytes per input byte, and the PDF and EPUB
// together peak near 100 bytes per input byte: a 4 MiB text at 408 MB,
// a 16 MiB one at 1.06 GB (the process's soft memory limit makes the
// collector work harder there). The old 64 MiB would have let one input
// take several GB.
const DefaultMaxInput = 16 << 20

// split moves explanations out of the warnings.
func split(all []render.Warning) (warnings, notes []render.Warning) {
	for _, w := range all {
		if w.IsInfo() {
			notes = append(notes, w)
		} else {
			warnings = append(warnings, w)
		}
	}
	return warnings, notes
}

// Load reads one input (a path, or "-" for standard input) into the model.
// The warnings include explanations (render.Info) for --verbose.
func Load(input string, opt Options) (doc *render.Document, warnings []render.Warning, err error) {
	return load(context.Background(), input, opt)
}

// load is Load with downloads of remote images stopped once ctx is done.
func load(ctx context.Context, input string, opt Options) (doc *render.Document, warnings []render.Warning, err error) {
	data, err := readInput(input, opt.Stdin, opt.maxInput())
	if err != nil {
		return nil, nil, err
	}
	dir := "."
	if input != "-" {
		dir = filepath.Dir(input)
	}
	// A reader that panics is a bug in offprint, not in the article, but
	// the user still gets one line naming the file, and the batch goes on.
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: offprint could not read this input (internal error: %v); please report it", DisplayName(input), firstLine(p))
		}
	}()
	doc, err = read.Bytes(data, opt.From, read.Options{
		Name: input, Dir: dir, Lang: opt.Lang,
		FetchImages: opt.FetchImages, NoExtract: opt.NoExtract, Strict: opt.Strict,
		Warn: func(w render.Warning) { warnings = append(warnings, w) },
		Images: images.Options{
			MaxPixels: opt.MaxImagePixels, MaxBytes: opt.MaxFetchSize, Timeout: opt.FetchTimeout,
			Budget: images.NewBudget(opt.MaxImages), Context: ctx,
		},
	})
	if err != nil {
		return nil, warnings, fmt.Errorf("%s: %w", DisplayName(input), err)
	}
	return doc, warnings, nil
}

// File exports one input to every requested format. When any output fails
// none of this input's outputs is left behind half-made; outputs already
// completed for it stay, since each is whole.
func File(input string, opt Options) Result {
	return fileAs(context.Background(), nil, input, "", opt)
}

// fileAs is File with the output base name chosen by the caller ("" to
// let File choose), as a batch does to avoid collisions. Once ctx is
// done no more output is written: an interrupted input leaves nothing
// of its own behind but the outputs it had already completed. Each
// write passes through g (nil lets every write through), so a batch
// knows which writes it must wait for.
func fileAs(ctx context.Context, g *gate, input, base string, opt Options) (res Result) {
	res = Result{Input: input}
	defer func() {
		// Readers and renderers recover their own panics; this is for
		// the rest of the path, so a bug never shows a user a stack.
		if p := recover(); p != nil {
			res.Err = fmt.Errorf("%s: offprint failed on this input (internal error: %s); please report it", DisplayName(input), firstLine(p))
		}
		res.Warnings, res.Notes = split(res.Warnings)
	}()
	doc, warnings, err := load(ctx, input, opt)
	res.Warnings = warnings
	if ctx.Err() != nil {
		res.Err = fmt.Errorf("%s: interrupted; not exported", DisplayName(input))
		return res
	}
	if err != nil {
		res.Err = err
		return res
	}
	stamp, err := render.Timestamp(opt.SourceDateEpoch, doc)
	if err != nil {
		res.Err = err
		return res
	}
	if base == "" {
		if base, err = baseName(input, opt.Name, doc); err != nil {
			res.Err = err
			return res
		}
	}
	outDir := opt.OutDir
	if outDir == "" {
		outDir = "."
	}
	// Every format renders at once, into memory, so that one document
	// keeps both cores busy; this loop still takes them in the order
	// asked for, so outputs, warnings and errors come as they would one
	// format after another.
	rendered := renderAll(doc, opt.Formats, render.Options{
		PageSize: opt.PageSize, Modified: stamp, Version: opt.Version,
		Cover: opt.Cover, PDFCover: opt.PDFCover, EPUBFonts: opt.EPUBFonts,
		Shared: render.NewShared(), // one print layout for the PDF and the EPUB's page numbers
	})
	// A format that fails does not stop the others: an Arabic article
	// the PDF refuses still gets its EPUB. The input still fails, with
	// every format's problem on its one line.
	var failed []string
	for i, name := range opt.Formats {
		r, ok := render.Lookup(name)
		if !ok {
			res.Err = fmt.Errorf("no renderer named %q", name)
			return res
		}
		out := filepath.Join(outDir, base+r.Ext())
		if input != "-" && samePath(input, out) {
			res.Err = fmt.Errorf("%s: refusing to overwrite the input with its own %s output", DisplayName(input), name)
			return res
		}
		buf := &rendered[i].buf
		res.Warnings = append(res.Warnings, rendered[i].warnings...)
		if err := rendered[i].err; err != nil {
			failed = append(failed, err.Error())
			continue
		}
		if !g.enter(ctx) {
			res.Err = fmt.Errorf("%s: interrupted; %s not written", DisplayName(input), out)
			return res
		}
		err := WriteAtomic(out, buf.Bytes())
		g.leave()
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		res.Outputs = append(res.Outputs, out)
		res.Files = append(res.Files, describe(name, out, buf.Bytes()))
	}
	if len(failed) > 0 {
		res.Err = fmt.Errorf("%s: %s", DisplayName(input), strings.Join(dedupe(failed), "; "))
	}
	return res
}

// dedupe keeps the first of equal messages, so a folder that cannot be
// written is said once, not once per format.
func dedupe(msgs []string) []string {
	var out []string
	for _, m := range msgs {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// DisplayName is how messages name an input.
func DisplayName(input string) string {
	if input == "-" {
		return "standard input"
	}
	return input
}

func (o Options) maxInput() int64 {
	if o.MaxInputSize > 0 {
		return o.MaxInputSize
	}
	return DefaultMaxInput
}

// firstLine is a panic value as one line of a message.
func firstLine(p any) string {
	s, _, _ := strings.Cut(fmt.Sprint(p), "\n")
	return s
}

// readInput reads one input whole, refusing one larger than max bytes
// before reading it when its size is known.
func readInput(input string, stdin io.Reader, max int64) ([]byte, error) {
	if input == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		data, err := io.ReadAll(io.LimitReader(stdin, max+1))
		if err != nil {
			return nil, fmt.Errorf("standard input: %v", err)
		}
		if int64(len(data)) > max {
			return nil, fmt.Errorf("standard input: larger than the %s limit (--max-input-size)", Size(max))
		}
		return data, nil
	}
	fi, err := os.Stat(input)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file", input)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", input, unwrapPath(err))
	case fi.IsDir():
		return nil, fmt.Errorf("%s: is a folder with no article in it (%s)", input, strings.Join(ArticleExts, ", "))
	case fi.Size() > max:
		return nil, fmt.Errorf("%s: the file is %s, larger than the %s limit (--max-input-size)", input, Size(fi.Size()), Size(max))
	}
	f, err := os.Open(input)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", input, unwrapPath(err))
	}
	defer f.Close()
	// Bounded again while reading: the file may grow, or be a pipe.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", input, unwrapPath(err))
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than the %s limit (--max-input-size)", input, Size(max))
	}
	return data, nil
}

// unwrapPath drops the "open FILE:" prefix of a *PathError so messages
// name the file once.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// baseName is the output's file name without extension: the input's own
// name, or for standard input --name, else a slug of the title.
func baseName(input, name string, doc *render.Document) (string, error) {
	switch {
	case input != "-":
		b := filepath.Base(input)
		return strings.TrimSuffix(b, filepath.Ext(b)), nil
	case name != "":
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			return "", fmt.Errorf("--name %q must be a plain file name", name)
		}
		return name, nil
	}
	if s := Slug(doc.Title); s != "" {
		return s, nil
	}
	return "article", nil
}

// Slug makes a file name from a title: lower case letters and digits of
// any script, joined by single hyphens, at most 60 bytes.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > 60 {
				break
			}
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

func samePath(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}

// WriteAtomic puts data at path by way of a temporary file in the same
// folder and a rename, so a reader of path sees the old file or the whole
// new one, never a part.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", dir, unwrapPath(err))
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(werr))
	}
	return nil
}
