package printlayout

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // image formats articles carry
	"image/jpeg"
	"image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/offprint/offprint/render"
)

// maxPixels refuses images whose decoding would take unreasonable memory.
const maxPixels = 40_000_000

// pointsPerPixel sets images at 96 pixels to the inch, as browsers do.
const pointsPerPixel = 0.75

// image sets a figure: the picture scaled into the measure (and to at most
// 60% of the page height), its caption under it in small italic, the two
// kept on one page. An image that cannot be read is reported, and its alt
// text stands in for it.
func (b *builder) image(img *render.Image, c box) {
	index, wpx, hpx, err := b.registerImage(img)
	if err != nil {
		src := img.Src
		if src == "" {
			src = "(embedded)"
		}
		b.opt.Warnf("image", "pdf: image %s not drawn: %v", src, err)
		if img.Alt != "" {
			b.paragraph([]render.Inline{&render.Emphasis{Children: []render.Inline{&render.Text{Text: "[Image: " + img.Alt + "]"}}}}, c, false)
		}
		return
	}
	w, h := float64(wpx)*pointsPerPixel, float64(hpx)*pointsPerPixel
	if w > c.width {
		w, h = c.width, h*c.width/w
	}
	if maxH := MaxFigureHeight * b.geo.Frame(); h > maxH {
		w, h = w*maxH/h, maxH
	}
	x := c.x + (c.width-w)/2
	rows := []row{{h: h, quotes: c.quotes, src: b.source(0), sourced: true, draw: func(p *painter, top float64) {
		p.c.Image(index, x, top, w, h)
	}}}
	if len(img.Caption) > 0 {
		size := captionScale * c.size
		st := style{face: serifItalic, size: size, color: grey}
		capRows := b.setText(b.spans(img.Caption, st), c.x, c.width, smallLeading*size, size, false)
		if len(capRows) > 0 {
			rows[0].h += captionGap * c.lead
			rows = append(rows, withQuotes(capRows, c.quotes)...)
		}
	}
	b.emit(flowBlock{before: figureGap * c.lead, after: figureGap * c.lead, rows: rows, orphans: len(rows)})
}

// registerImage readies the image for the PDF in a form fpdf surely
// reads: JPEG as it is when fpdf understands its colours, anything else
// decoded and written as a plain 8-bit PNG (fpdf refuses interlaced and
// 16-bit PNGs and cannot read WebP). fpdf's errors are final for the whole
// document, so nothing goes into Book.Images that it might refuse; an
// image that cannot be readied here is reported, and its alt text set.
func (b *builder) registerImage(img *render.Image) (index int, w, h int, err error) {
	if len(img.Data) == 0 {
		return 0, 0, 0, errors.New("no image data")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil {
		return 0, 0, 0, fmt.Errorf("unreadable image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return 0, 0, 0, fmt.Errorf("image of %d×%d pixels", cfg.Width, cfg.Height)
	}
	data, kind := img.Data, "JPG"
	if format != "jpeg" || (cfg.ColorModel != color.GrayModel && cfg.ColorModel != color.YCbCrModel) {
		// CMYK JPEGs are re-encoded too: fpdf does not undo Adobe's
		// inverted CMYK, and the colours would come out as a negative.
		m, _, err := image.Decode(bytes.NewReader(img.Data))
		if err != nil {
			return 0, 0, 0, fmt.Errorf("unreadable image: %w", err)
		}
		kind = "PNG"
		if b.pagesOnly {
			data = nil // decoded, so it will be drawn: the page map needs no more
		} else if data, err = plainPNG(m); err != nil {
			return 0, 0, 0, err
		}
	} else if _, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil {
		return 0, 0, 0, fmt.Errorf("unreadable JPEG: %w", err)
	}
	b.images = append(b.images, Image{Name: fmt.Sprintf("image%d", len(b.images)+1), Kind: kind, Data: data})
	return len(b.images) - 1, cfg.Width, cfg.Height, nil
}

// plainPNG writes m as a non-interlaced 8-bit grey, RGB or RGBA PNG.
func plainPNG(m image.Image) ([]byte, error) {
	var out image.Image
	switch m := m.(type) {
	case *image.Gray:
		out = m
	default:
		rgba := image.NewNRGBA(m.Bounds())
		draw.Draw(rgba, rgba.Bounds(), m, m.Bounds().Min, draw.Src)
		out = rgba
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
