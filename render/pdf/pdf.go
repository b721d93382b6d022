// Package pdf renders the document model as a print-ready PDF with fpdf:
// embedded fonts, running heads, "page N of M" footers, footnotes, an
// outline and reproducible bytes. The pages are render/printlayout's; this
// package is its Canvas on fpdf, so the EPUB's print page numbers, which
// come from the same layout, match these pages.
//
// The document is laid out completely before the first page is drawn, so
// the page count is known when the footers are written (fpdf's page-count
// alias comes out as missing glyphs with Unicode fonts).
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/printlayout"
)

func init() { render.Register(Renderer{}) }

// Renderer is the "pdf" output format.
type Renderer struct{}

func (Renderer) Name() string { return "pdf" }
func (Renderer) Ext() string  { return ".pdf" }

// Render lays doc out and writes the PDF to w, only once it is complete.
func (Renderer) Render(w io.Writer, doc *render.Document, opt render.Options) error {
	data, err := Bytes(doc, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Bytes renders doc into memory.
func Bytes(doc *render.Document, opt render.Options) ([]byte, error) {
	return bytesWith(doc, opt, printlayout.Config{})
}

// bytesWith renders doc laid out by cfg (the benchmarks change the line
// breaker).
func bytesWith(doc *render.Document, opt render.Options, cfg printlayout.Config) ([]byte, error) {
	if err := printlayout.Unshaped(doc); err != nil {
		return nil, err
	}
	var bk *printlayout.Book
	var err error
	if cfg.Breaker == nil { // the default layout: shared with the EPUB
		bk, err = printlayout.SharedLayout(doc, opt)
	} else {
		bk, err = cfg.Layout(doc, opt)
	}
	if err != nil {
		return nil, err
	}
	geo := bk.Geometry
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: geo.Width, Ht: geo.Height},
	})
	f.SetMargins(geo.Left, geo.Top, geo.Right)
	f.SetAutoPageBreak(false, geo.Bottom)
	setMetadata(f, doc, opt)

	tf, err := newTypeface(f)
	if err != nil {
		return nil, err
	}
	// Fonts go in in the order the layout measured them, and the one it
	// measured last is current when a page opens, as when fpdf measured
	// the layout itself: the bytes stay what they were then.
	if err := tf.replay(bk.Measured[0]); err != nil {
		return nil, err
	}
	c := newCanvas(f, tf, bk)
	if err := c.registerImages(); err != nil {
		return nil, err
	}
	if opt.PDFCover {
		if err := drawCover(f, doc, opt, geo); err != nil {
			return nil, err
		}
	}
	if err := tf.replay(bk.Measured[1]); err != nil {
		return nil, err
	}
	if err := draw(bk, c); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// draw draws the book, turning a panic of fpdf's into an error.
func draw(bk *printlayout.Book, c *canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	bk.Draw(c)
	return c.f.Error()
}

func setMetadata(f *fpdf.Fpdf, doc *render.Document, opt render.Options) {
	m := doc.Meta
	// fpdf's UTF-8 conversion loses characters beyond the BMP (an emoji
	// in a title), so the strings go in already encoded, as "not UTF-8".
	if m.Title != "" {
		f.SetTitle(utf16BE(m.Title), false)
	}
	if names := m.AuthorNames(); names != "" {
		f.SetAuthor(utf16BE(names), false)
	}
	if m.Description != "" {
		f.SetSubject(utf16BE(m.Description), false)
	}
	if len(m.Keywords) > 0 {
		f.SetKeywords(utf16BE(strings.Join(m.Keywords, ", ")), false)
	}
	creator := strings.TrimSpace("offprint " + opt.Version)
	f.SetCreator(utf16BE(creator), false)
	f.SetProducer(utf16BE(creator+" (go-pdf/fpdf)"), false)
	if lang := pdfLang(m.Lang); lang != "" {
		f.SetLang(lang)
	}
	stamp := opt.Modified
	if stamp.IsZero() {
		stamp = render.FixedEpoch // fpdf would otherwise read the clock
	}
	f.SetCreationDate(stamp.UTC())
	f.SetModificationDate(stamp.UTC())
	f.SetCatalogSort(true)
	f.SetCompression(true)
}

// pdfLang keeps a BCP 47 tag that can go into the catalog as it is: fpdf
// writes /Lang without escaping.
func pdfLang(tag string) string {
	tag = strings.TrimSpace(tag)
	for _, r := range tag {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return tag
}

// utf16BE encodes s as a PDF text string's bytes (fpdf escapes them).
func utf16BE(s string) string {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2+2*len(units))
	b = append(b, 0xfe, 0xff)
	for _, u := range units {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}
