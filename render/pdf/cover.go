package pdf

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/cover"
	"github.com/offprint/offprint/render/printlayout"
)

// drawCover makes page 1 the cover, the user's or the one the EPUB gets,
// full-bleed. The article's pages keep their own numbers ("page 1 of N"
// is still the article's first page), so the print page numbers in the
// EPUB match either way.
func drawCover(f *fpdf.Fpdf, doc *render.Document, opt render.Options, geo printlayout.Geometry) error {
	data, kind := opt.Cover, ""
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		kind = "PNG"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		kind = "JPG"
	default:
		if len(data) > 0 {
			opt.Warnf("image", "pdf: the cover is neither PNG nor JPEG; drew one instead")
		}
		png, err := cover.PNG(cover.For(doc))
		if err != nil {
			return err
		}
		data, kind = png, "PNG"
	}
	info := f.RegisterImageOptionsReader("cover", fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if err := f.Error(); err != nil || info == nil {
		return fmt.Errorf("pdf: cover: %v", err)
	}
	f.AddPage()
	// Fill the page's width, centred: a 2:3 cover is a little taller than
	// A4 or letter, so it is cropped at top and bottom, never distorted.
	h := geo.Width * info.Height() / info.Width()
	f.ImageOptions("cover", 0, (geo.Height-h)/2, geo.Width, h, false, fpdf.ImageOptions{}, 0, "")
	return f.Error()
}
