// Package pdf renders the document model as a print-ready PDF with fpdf:
// embedded fonts, justified text set by render/layout, running heads,
// "page N of M" footers, footnotes, an outline and reproducible bytes.
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
	"github.com/offprint/offprint/render/layout"
	"github.com/offprint/offprint/render/layout/hyphen"
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
	geo, err := pageGeometry(opt.PageSize)
	if err != nil {
		return nil, err
	}
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: geo.width, Ht: geo.height},
	})
	f.SetMargins(geo.left, geo.top, geo.right)
	f.SetAutoPageBreak(false, geo.bottom)
	setMetadata(f, doc, opt)

	tf, err := newTypeface(f)
	if err != nil {
		return nil, err
	}
	b := &builder{f: f, tf: tf, geo: geo, doc: doc, opt: opt, notes: map[string]*note{}}
	if h, ok := hyphen.For(doc.Lang); ok {
		b.hyphenator = layout.CacheHyphens(h)
	}
	if err := b.build(); err != nil {
		return nil, err
	}
	if opt.PDFCover {
		if err := drawCover(f, doc, opt, geo); err != nil {
			return nil, err
		}
	}
	if err := b.draw(); err != nil {
		return nil, err
	}
	tf.warnMissing(opt.Warnf)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// geometry is a page and its type: sizes in points.
type geometry struct {
	name                     string
	width, height            float64
	left, right, top, bottom float64
	body                     float64 // body text size
	leading                  float64 // body line height
}

func (g geometry) measure() float64 { return g.width - g.left - g.right }
func (g geometry) frame() float64   { return g.height - g.top - g.bottom }

// pageGeometry sets the body size by the page and then derives the side
// margins from the measure, so every page size gets a comfortable line
// length; top and bottom margins are proportional to the height.
func pageGeometry(name string) (geometry, error) {
	g := geometry{name: strings.ToLower(strings.TrimSpace(name))}
	switch g.name {
	case "", "a4":
		g.name, g.width, g.height, g.body = "a4", 210*mm, 297*mm, bodyA4
	case "letter":
		g.width, g.height, g.body = 8.5*72, 11*72, bodyA4
	case "a5":
		g.width, g.height, g.body = 148*mm, 210*mm, bodyA5
	default:
		return g, fmt.Errorf("pdf: unknown page size %q (want a4, letter or a5)", name)
	}
	measure := charsPerLine * avgChar * g.body
	side := max((g.width-measure)/2, minSide*g.width)
	g.left, g.right = side, side
	g.top = topMargin * g.height
	g.bottom = bottomMargin * g.height
	g.leading = leadingRatio * g.body
	return g, nil
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

// layoutBlocks is the pagination view of the flow.
func (b *builder) layoutBlocks() []layout.Block {
	out := make([]layout.Block, len(b.blocks))
	for i, fb := range b.blocks {
		lb := layout.Block{SpaceBefore: fb.space, Orphans: fb.orphans, Widows: fb.widows, KeepWithNext: fb.keep}
		for _, r := range fb.rows {
			foot := 0.0
			for _, n := range r.notes {
				if !b.endnotes {
					foot += n.height
				}
			}
			lb.Rows = append(lb.Rows, layout.Row{Height: r.h, Foot: foot, Hyphenated: r.hyphenated})
		}
		out[i] = lb
	}
	return out
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
