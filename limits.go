package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/offprint/offprint/render/export"
	"github.com/offprint/offprint/render/read/images"
)

// limitFlags bound what one input may cost: safe by default, raised by
// the user who trusts an input.
func limitFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "max-input-size", Value: export.Size(export.DefaultMaxInput), Usage: "refuse an input larger than `SIZE` (e.g. 64MiB)", Sources: cli.EnvVars("OFFPRINT_MAX_INPUT_SIZE")},
		&cli.Int64Flag{Name: "max-image-pixels", Value: images.DefaultMaxPixels, Usage: "leave out an image of more than `N` pixels (width × height)", Sources: cli.EnvVars("OFFPRINT_MAX_IMAGE_PIXELS")},
		&cli.IntFlag{Name: "max-images", Value: images.DefaultMaxImages, Usage: "load at most `N` images per article; the rest are left out", Sources: cli.EnvVars("OFFPRINT_MAX_IMAGES")},
		&cli.DurationFlag{Name: "fetch-timeout", Value: images.DefaultTimeout, Usage: "give up on a remote image after `DURATION`", Sources: cli.EnvVars("OFFPRINT_FETCH_TIMEOUT")},
		&cli.StringFlag{Name: "max-fetch-size", Value: export.Size(images.DefaultMaxBytes), Usage: "leave out an image (read or downloaded) larger than `SIZE`", Sources: cli.EnvVars("OFFPRINT_MAX_FETCH_SIZE")},
	}
}

// applyLimits copies the limit flags into opt, refusing values that would
// switch a limit off by accident.
func applyLimits(cmd *cli.Command, opt *export.Options) error {
	var err error
	if opt.MaxInputSize, err = export.ParseSize(cmd.String("max-input-size")); err != nil {
		return fmt.Errorf("--max-input-size: %v", err)
	}
	if opt.MaxFetchSize, err = export.ParseSize(cmd.String("max-fetch-size")); err != nil {
		return fmt.Errorf("--max-fetch-size: %v", err)
	}
	if opt.MaxImagePixels = cmd.Int64("max-image-pixels"); opt.MaxImagePixels < 1 {
		return fmt.Errorf("--max-image-pixels %d: give at least 1", opt.MaxImagePixels)
	}
	if opt.MaxImages = int(cmd.Int("max-images")); opt.MaxImages < 1 {
		return fmt.Errorf("--max-images %d: give at least 1 (images can be left out of an article by editing it)", opt.MaxImages)
	}
	if opt.FetchTimeout = cmd.Duration("fetch-timeout"); opt.FetchTimeout < time.Second/10 {
		return fmt.Errorf("--fetch-timeout %s: give at least 100ms", opt.FetchTimeout)
	}
	return nil
}

// oneLine keeps a message on one line of the terminal: a reader or
// renderer message never spills a second line (or a stack) onto it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// pathCause drops the "open FILE:" of a file error whose message names
// the file already.
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
