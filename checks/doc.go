// Package checks holds saavu's accessibility rules: pure functions over
// the model of a page that the crawler captured once (Page). Rules read
// only their Page, never a browser, the network, files or the clock, so
// pages can be checked in parallel and the tests need no browser: they
// load captured snapshots from testdata/pages.
//
// A rule is a value (Rule) with its metadata and an unexported run that
// reports each element it tests on a Pass. All lists the rules EN 301 549
// requires and Extra the others, both sorted by id. Each rule is in a file
// named after its id (color_contrast.go holds color-contrast), and its
// explanation is docs/<id>.md, translated in docs/fi and docs/sv.
//
// Rules that apply to the same things share the function that finds them,
// so that they cannot drift apart:
//
//   - color-contrast and color-contrast-enhanced: runContrast (color_contrast.go)
//   - audio-autoplay and audio-autoplay-duration: autoplaying (audio_autoplay.go)
//   - meta-refresh and meta-refresh-no-exception: firstRefresh (meta_refresh.go)
//   - aria-required-children and aria-required-parent: ariaOwnership (aria_required_children.go)
//   - zoom-text-clipped, text-spacing-clipped and reflow: judgeClips (zoom_text_clipped.go)
//   - letter-spacing-important, word-spacing-important and line-height-important: runTextSpacing (spacing.go)
//   - bypass, content-heading, content-landmark and skip-link: readContent (bypass.go)
//   - heading-markup and list-structure, which ask about text styled as
//     structure: maxAsked and blockDisplays (heading_markup.go)
//   - form-group-name and label-unique: formOwner (form_group_name.go)
//   - scripted-control-keyboard, on-focus and on-input say what an action
//     did with effectText (scripted_control_keyboard.go)
//
// The other files:
//
//   - rule.go, run.go, registry.go: Rule, Outcome, Impact, Validate and
//     Lookup; Pass, Check and Result; All, Extra and Every.
//   - page.go, node.go: the page model, a table of DOM nodes (Node) with
//     their layout, computed style and accessibility-tree entry, linked
//     into a tree by Page.Build.
//   - probes.go, probes_layout.go: what the live-page probes saw (media,
//     focus, hover, keys and motion, rotation, auto-updating text, what
//     moves by itself, the borders of text fields and the paints of
//     icons, what clicks, keys, focus and changes did to the controls;
//     the page zoomed, at 320 px and with wider text spacing, and its
//     scrollable boxes), for the rules that need more than the snapshot.
//   - names.go: the accessible-name model: which elements the name rules
//     apply to, and why a name is missing.
//   - aria.go: the ARIA model: roles, states and properties and their
//     values, implicit roles, and who owns what in the accessibility tree.
//   - color.go, color_scene.go, color_backdrop.go: colour: CSS colours and
//     contrast, what is painted under a text (or under a border, an icon,
//     a focus ring), and the backdrops a probe photographed when that
//     cannot be worked out.
//   - lang.go, langguess.go, lang_subtags.txt: language: language tags,
//     the text a lang attribute covers, and a small language guesser.
//   - media.go: the audio and video the media alternative rules apply to.
//   - spacing.go: the style attribute parser of the text-spacing rules.
//   - text.go, messages/: Text, a rule's message that any language can
//     render, and its Finnish and Swedish catalogues.
//   - wcag.go, wcag.json: the WCAG success criteria and the EN 301 549
//     clauses that adopt them.
//   - shots.go: the regions of the page photographed for the elements the
//     rules reported.
package checks
