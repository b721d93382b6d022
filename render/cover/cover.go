// Package cover draws a book cover from an article's title, byline and
// site or date, with the bundled fonts, so every EPUB has a thumbnail
// that names it in a reader's library.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
)

// Size is the cover in pixels: the 2:3 that stores and readers expect.
const (
	Width  = 1200
	Height = 1800
)

// Info is what the cover says.
type Info struct {
	Title  string
	Byline string // "Ada Lovelace and Alan Turing"
	Footer string // the site's name, else the date
}

var (
	paper  = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
	ink    = color.RGBA{0x1c, 0x1c, 0x1c, 0xff}
	accent = color.RGBA{0xa8, 0x3f, 0x26, 0xff}
	grey   = color.RGBA{0x55, 0x55, 0x55, 0xff}
)

const margin = 110

// PNG draws the cover. The same Info gives the same bytes: nothing but
// the text and the bundled fonts goes into it. Flat colours keep it to a
// few tens of kilobytes.
//
// It is drawn straight into an 8-bit palette of the paper blended with
// each ink (antialiased edges are the only other colours that occur), not
// into full colour and quantised after: a quarter of the memory, and no
// pass over 2 million pixels to find each one's palette entry.
func PNG(in Info) ([]byte, error) {
	m, err := paint(in)
	if err != nil {
		return nil, err
	}
	// The fastest level takes a third of the time of the default one, for
	// a file some 7% larger.
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: encoders}
	if err := enc.Encode(&buf, m); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return buf.Bytes(), nil
}

// encoders keeps the PNG encoder's compressor and row buffers between
// covers: a batch draws one per article, and a new compressor is most of
// a megabyte to allocate and clear.
var encoders = &encoderPool{}

type encoderPool struct{ p sync.Pool }

func (e *encoderPool) Get() *png.EncoderBuffer {
	b, _ := e.p.Get().(*png.EncoderBuffer)
	return b
}

func (e *encoderPool) Put(b *png.EncoderBuffer) { e.p.Put(b) }

// paint draws the cover.
func paint(in Info) (*image.Paletted, error) {
	c := newCanvas()
	// A band at the top and a rule above the footer frame the text, and
	// still read as a shape at thumbnail size.
	c.fill(image.Rect(0, 0, Width, 70), accentInk)

	title := strings.Join(strings.Fields(in.Title), " ")
	if title == "" {
		title = "Untitled"
	}
	width := Width - 2*margin
	// The largest size at which the title fits in at most six lines.
	var lines []string
	var face font.Face
	for size := 124.0; ; size -= 8 {
		f, err := newFace(fonts.SerifBold, size)
		if err != nil {
			return nil, err
		}
		lines = wrap(f, title, width)
		if len(lines) <= 6 || size <= 52 {
			face = f
			if len(lines) > 8 {
				lines = lines[:8]
				lines[7] += " …"
			}
			break
		}
	}
	y := 330
	lineH := face.Metrics().Height.Ceil() * 112 / 100
	for _, l := range lines {
		c.text(face, l, margin, y, inkInk)
		y += lineH
	}
	c.fill(image.Rect(margin, y, margin+160, y+10), accentInk)
	y += 110
	if by := strings.Join(strings.Fields(in.Byline), " "); by != "" {
		f, err := newFace(fonts.SerifItalic, 54)
		if err != nil {
			return nil, err
		}
		for _, l := range wrap(f, by, width) {
			c.text(f, l, margin, y, greyInk)
			y += f.Metrics().Height.Ceil() * 115 / 100
		}
	}
	if foot := strings.Join(strings.Fields(in.Footer), " "); foot != "" {
		f, err := newFace(fonts.SansBold, 40)
		if err != nil {
			return nil, err
		}
		c.fill(image.Rect(margin, Height-230, Width-margin, Height-226), inkInk)
		c.text(f, strings.ToUpper(foot), margin, Height-150, inkInk)
	}
	return c.m, nil
}

// The inks, in palette order after the paper.
const (
	inkInk = iota
	accentInk
	greyInk
	numInks
)

var inks = [numInks]color.RGBA{inkInk: ink, accentInk: accent, greyInk: grey}

// steps is how many blends of the paper with each ink the palette holds.
const steps = 32

// palette is the paper blended with each ink in 32 steps.
func palette() color.Palette {
	pal := color.Palette{paper}
	for _, c := range inks {
		for i := 1; i <= steps; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(steps-i) + int(b)*i) / steps) }
			pal = append(pal, color.RGBA{mix(paper.R, c.R), mix(paper.G, c.G), mix(paper.B, c.B), 0xff})
		}
	}
	return pal
}

// tables are the palette and, for each ink and coverage, the palette
// entry nearest to that ink drawn over the paper: built once a process.
var tables = sync.OnceValues(func() (color.Palette, *[numInks][256]uint8) {
	pal := palette()
	var on [numInks][256]uint8
	for k, c := range inks {
		for a := range 256 {
			on[k][a] = uint8(pal.Index(over(paper, c, uint8(a))))
		}
	}
	return pal, &on
})

// over is c drawn over d at coverage a, as image/draw's Over operator
// computes it for an opaque colour through an alpha mask.
func over(d, c color.RGBA, a uint8) color.RGBA {
	const m = 1<<16 - 1
	ma := uint32(a) | uint32(a)<<8
	rest := (m - ma) * 0x101
	mix := func(d, c uint8) uint8 { return uint8((uint32(d)*rest + uint32(c)*0x101*ma) / m >> 8) }
	return color.RGBA{mix(d.R, c.R), mix(d.G, c.G), mix(d.B, c.B), 0xff}
}

// canvas is the cover being drawn, in palette indexes.
type canvas struct {
	m   *image.Paletted
	pal color.Palette
	on  *[numInks][256]uint8
}

func newCanvas() *canvas {
	pal, on := tables()
	// Index 0 is the paper, so a new image is already blank paper.
	return &canvas{m: image.NewPaletted(image.Rect(0, 0, Width, Height), pal), pal: pal, on: on}
}

// fill paints r in ink k, solid.
func (c *canvas) fill(r image.Rectangle, k int) {
	r = r.Intersect(c.m.Rect)
	idx := c.on[k][255]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.m.Pix[c.m.PixOffset(r.Min.X, y):c.m.PixOffset(r.Max.X, y)]
		for i := range row {
			row[i] = idx
		}
	}
}

// text draws s in ink k with its baseline's left end at (x, y), as
// font.Drawer would (kerning included).
func (c *canvas) text(f font.Face, s string, x, y, k int) {
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, mp, advance, _ := f.Glyph(dot, r)
		if !dr.Empty() {
			c.glyph(dr, mask, mp, k)
		}
		dot.X += advance
		prev = r
	}
}

// glyph composites a glyph's coverage mask in ink k. Over the paper the
// result is a table lookup; where it lands on something already drawn
// (the overlap of two glyphs) the blend is computed and matched to the
// palette.
func (c *canvas) glyph(dr image.Rectangle, mask image.Image, mp image.Point, k int) {
	r := dr.Intersect(c.m.Rect)
	if r.Empty() {
		return
	}
	mp = mp.Add(r.Min.Sub(dr.Min))
	alpha, ok := mask.(*image.Alpha)
	if !ok { // opentype's masks are *image.Alpha; any other is copied into one
		alpha = image.NewAlpha(image.Rectangle{Max: r.Size()})
		draw.Draw(alpha, alpha.Rect, mask, mp, draw.Src)
		mp = image.Point{}
	}
	on := &c.on[k]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		dst := c.m.Pix[c.m.PixOffset(r.Min.X, y):][:r.Dx()]
		src := alpha.Pix[alpha.PixOffset(mp.X, mp.Y+y-r.Min.Y):][:r.Dx()]
		for i, a := range src {
			switch cur := dst[i]; {
			case a == 0:
			case cur == 0:
				dst[i] = on[a]
			default:
				under := c.pal[cur].(color.RGBA)
				dst[i] = uint8(c.pal.Index(over(under, inks[k], a)))
			}
		}
	}
}

// parsed holds each bundled face parsed once a process; an
// *opentype.Font is safe to share, each Face made from it has its own
// buffers.
var parsed = struct {
	sync.Mutex
	fonts map[fonts.Face]*opentype.Font
}{fonts: map[fonts.Face]*opentype.Font{}}

func newFace(f fonts.Face, size float64) (font.Face, error) {
	parsed.Lock()
	ft := parsed.fonts[f]
	parsed.Unlock()
	if ft == nil {
		data, err := fonts.Bytes(f)
		if err != nil {
			return nil, err
		}
		if ft, err = opentype.Parse(data); err != nil {
			return nil, fmt.Errorf("cover: %s: %w", f, err)
		}
		parsed.Lock()
		parsed.fonts[f] = ft
		parsed.Unlock()
	}
	return opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
}

// wrap breaks s into lines no wider than width; a word wider than the
// line stands alone on it.
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// For is the cover of a document: its title, its authors and its site's
// name, else its date, in the document's language ("Par A et B",
// "1 août 2024"). The EPUB and the PDF's cover page both draw this.
func For(doc *render.Document) Info {
	words := labels.For(doc.Meta.Lang)
	var names []string
	for _, a := range doc.Meta.Authors {
		if n := oneLine(a.Name); n != "" {
			names = append(names, n)
		}
	}
	in := Info{Title: oneLine(doc.Meta.Title), Byline: words.Names(names), Footer: oneLine(doc.Meta.SiteName)}
	if in.Title == "" {
		in.Title = words.Untitled
	}
	if in.Footer == "" {
		if _, human, ok := words.Date(doc.Meta.Date); ok {
			in.Footer = human
		}
	}
	return in
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
