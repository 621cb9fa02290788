/// The shipped themes, built into the binary so a copied binary works alone. The text is that of
/// `themes/*.yaml` at the repository root (a test keeps the two identical).
internal enum BuiltinThemes {
    /// Theme names and file texts, in the order `:theme` lists them.
    internal static let all: [(name: String, text: String)] = [
        ("default", defaultDark),
        ("light", light),
        ("high-contrast", highContrast),
        ("monochrome", monochrome),
    ]

    /// `themes/default.yaml`.
    internal static let defaultDark = #"""
# Gatewatch theme 'default'. Every UI role is named; colours are names (black … bright-white),
# 0-255 (xterm palette), #rrggbb or default; flags bold, underline, reverse, dim; `mono` is what
# a role looks like without colours (NO_COLOR, monochrome terminals).
name: default
description: "Dark terminals, 256 colours (degrades to 16 and 8)."
roles:
  text:                { fg: default, bg: default }  # ordinary text
  muted:               { fg: 245 }  # separators, absent values, hints
  header:              { fg: 255, bg: 24, bold: true }  # the top bar
  header-accent:       { fg: 229, bg: 24, bold: true }  # source and counts in the top bar
  stale:               { fg: 231, bg: 160, bold: true }  # the STALE marker when a source has failed
  past-state:          { fg: 16, bg: 201, bold: true }  # "AT <time> (read-only)": the console shows a past state
  tab:                 { fg: 250, bg: 236 }  # a view in the tab bar
  tab-active:          { fg: 16, bg: 75, bold: true }  # the current view's tab
  border:              { fg: 240 }  # frame lines
  title:               { fg: 75, bold: true }  # frame titles
  table-header:        { fg: 252, bold: true }  # column titles
  table-header-sorted: { fg: 75, bold: true, underline: true }  # the column the table is sorted by
  group:               { fg: 180, bold: true }  # group rows (gateway deployment, policy)
  selection:           { fg: 231, bg: 31, bold: true }  # the selected row
  link:                { fg: 117, underline: true }  # drill-down targets in detail pages
  ok:                  { fg: 71 }  # healthy values (ready, bound)
  warn:                { fg: 214 }  # values that need attention
  error:               { fg: 203, bold: true }  # broken values
  idle:                { fg: 16, bg: 214 }  # idle Elastic IPs (still billed)
  gauge-ok:            { fg: 71 }  # gauge fill below 80 %
  gauge-warn:          { fg: 214 }  # gauge fill from 80 %
  gauge-critical:      { fg: 196, bold: true }  # gauge fill from 95 %
  gauge-empty:         { fg: 238 }  # the empty part of a gauge
  sparkline:           { fg: 111 }  # utilization history
  footer:              { fg: 250, bg: 236 }  # the bottom bar
  footer-key:          { fg: 229, bg: 236, bold: true }  # key names in the bottom bar
  prompt:              { fg: 255, bold: true }  # the : and / prompt
  completion:          { fg: 250, bg: 237 }  # completion candidates
  completion-selected: { fg: 16, bg: 75 }  # the candidate Tab picks
  message-info:        { fg: 117 }  # informational messages
  message-error:       { fg: 231, bg: 124, bold: true }  # error messages
  overlay:             { fg: 252, bg: 235 }  # help overlay body
  overlay-border:      { fg: 75, bg: 235 }  # help overlay frame
  overlay-key:         { fg: 229, bg: 235, bold: true }  # key names in the help overlay
  phase-allow:         { fg: 71, bold: true }  # trace phases that pass
  phase-deny:          { fg: 203, bold: true }  # trace phases a firewall denied
  phase-drop:          { fg: 214, bold: true }  # trace phases dropped before any firewall
  phase-info:          { fg: 117 }  # neutral trace phases
  severity-error:      { fg: 203, bold: true }  # error findings
  severity-warning:    { fg: 214 }  # warning findings
  severity-info:       { fg: 117 }  # informational findings
"""# + "\n"

    /// `themes/light.yaml`.
    internal static let light = #"""
# Gatewatch theme 'light'. Every UI role is named; colours are names (black … bright-white),
# 0-255 (xterm palette), #rrggbb or default; flags bold, underline, reverse, dim; `mono` is what
# a role looks like without colours (NO_COLOR, monochrome terminals).
name: light
description: "Light terminals, 256 colours."
roles:
  text:                { fg: default, bg: default }  # ordinary text
  muted:               { fg: 243 }  # separators, absent values, hints
  header:              { fg: 231, bg: 25, bold: true }  # the top bar
  header-accent:       { fg: 229, bg: 25, bold: true }  # source and counts in the top bar
  stale:               { fg: 231, bg: 160, bold: true }  # the STALE marker when a source has failed
  past-state:          { fg: 231, bg: 127, bold: true }  # "AT <time> (read-only)": the console shows a past state
  tab:                 { fg: 238, bg: 253 }  # a view in the tab bar
  tab-active:          { fg: 231, bg: 25, bold: true }  # the current view's tab
  border:              { fg: 246 }  # frame lines
  title:               { fg: 25, bold: true }  # frame titles
  table-header:        { fg: 236, bold: true }  # column titles
  table-header-sorted: { fg: 25, bold: true, underline: true }  # the column the table is sorted by
  group:               { fg: 94, bold: true }  # group rows (gateway deployment, policy)
  selection:           { fg: 16, bg: 153 }  # the selected row
  link:                { fg: 25, underline: true }  # drill-down targets in detail pages
  ok:                  { fg: 28 }  # healthy values (ready, bound)
  warn:                { fg: 130 }  # values that need attention
  error:               { fg: 160, bold: true }  # broken values
  idle:                { fg: 16, bg: 223 }  # idle Elastic IPs (still billed)
  gauge-ok:            { fg: 28 }  # gauge fill below 80 %
  gauge-warn:          { fg: 172 }  # gauge fill from 80 %
  gauge-critical:      { fg: 160, bold: true }  # gauge fill from 95 %
  gauge-empty:         { fg: 250 }  # the empty part of a gauge
  sparkline:           { fg: 25 }  # utilization history
  footer:              { fg: 238, bg: 253 }  # the bottom bar
  footer-key:          { fg: 25, bg: 253, bold: true }  # key names in the bottom bar
  prompt:              { fg: 16, bold: true }  # the : and / prompt
  completion:          { fg: 238, bg: 254 }  # completion candidates
  completion-selected: { fg: 231, bg: 25 }  # the candidate Tab picks
  message-info:        { fg: 25 }  # informational messages
  message-error:       { fg: 231, bg: 160, bold: true }  # error messages
  overlay:             { fg: 236, bg: 255 }  # help overlay body
  overlay-border:      { fg: 25, bg: 255 }  # help overlay frame
  overlay-key:         { fg: 25, bg: 255, bold: true }  # key names in the help overlay
  phase-allow:         { fg: 28, bold: true }  # trace phases that pass
  phase-deny:          { fg: 160, bold: true }  # trace phases a firewall denied
  phase-drop:          { fg: 130, bold: true }  # trace phases dropped before any firewall
  phase-info:          { fg: 25 }  # neutral trace phases
  severity-error:      { fg: 160, bold: true }  # error findings
  severity-warning:    { fg: 130 }  # warning findings
  severity-info:       { fg: 25 }  # informational findings
"""# + "\n"

    /// `themes/high-contrast.yaml`.
    internal static let highContrast = #"""
# Gatewatch theme 'high-contrast'. Every UI role is named; colours are names (black … bright-white),
# 0-255 (xterm palette), #rrggbb or default; flags bold, underline, reverse, dim; `mono` is what
# a role looks like without colours (NO_COLOR, monochrome terminals).
name: high-contrast
description: "Maximum contrast with the 16 basic colours, bold everywhere it helps."
roles:
  text:                { fg: bright-white, bg: black }  # ordinary text
  muted:               { fg: white, bg: black }  # separators, absent values, hints
  header:              { fg: black, bg: bright-white, bold: true }  # the top bar
  header-accent:       { fg: black, bg: bright-yellow, bold: true }  # source and counts in the top bar
  stale:               { fg: bright-white, bg: red, bold: true }  # the STALE marker when a source has failed
  past-state:          { fg: black, bg: bright-magenta, bold: true }  # "AT <time> (read-only)": the console shows a past state
  tab:                 { fg: bright-white, bg: black }  # a view in the tab bar
  tab-active:          { fg: black, bg: bright-cyan, bold: true }  # the current view's tab
  border:              { fg: bright-white, bg: black }  # frame lines
  title:               { fg: bright-cyan, bg: black, bold: true }  # frame titles
  table-header:        { fg: bright-white, bg: black, bold: true, underline: true }  # column titles
  table-header-sorted: { fg: bright-cyan, bg: black, bold: true, underline: true }  # the column the table is sorted by
  group:               { fg: bright-yellow, bg: black, bold: true }  # group rows (gateway deployment, policy)
  selection:           { fg: black, bg: bright-yellow, bold: true }  # the selected row
  link:                { fg: bright-cyan, bg: black, underline: true }  # drill-down targets in detail pages
  ok:                  { fg: bright-green, bg: black, bold: true }  # healthy values (ready, bound)
  warn:                { fg: bright-yellow, bg: black, bold: true }  # values that need attention
  error:               { fg: bright-red, bg: black, bold: true }  # broken values
  idle:                { fg: black, bg: bright-magenta, bold: true }  # idle Elastic IPs (still billed)
  gauge-ok:            { fg: bright-green, bg: black }  # gauge fill below 80 %
  gauge-warn:          { fg: bright-yellow, bg: black }  # gauge fill from 80 %
  gauge-critical:      { fg: bright-red, bg: black, bold: true }  # gauge fill from 95 %
  gauge-empty:         { fg: white, bg: black }  # the empty part of a gauge
  sparkline:           { fg: bright-cyan, bg: black }  # utilization history
  footer:              { fg: black, bg: bright-white }  # the bottom bar
  footer-key:          { fg: black, bg: bright-white, bold: true, underline: true }  # key names in the bottom bar
  prompt:              { fg: bright-white, bg: black, bold: true }  # the : and / prompt
  completion:          { fg: bright-white, bg: blue }  # completion candidates
  completion-selected: { fg: black, bg: bright-yellow, bold: true }  # the candidate Tab picks
  message-info:        { fg: bright-cyan, bg: black, bold: true }  # informational messages
  message-error:       { fg: bright-white, bg: red, bold: true }  # error messages
  overlay:             { fg: bright-white, bg: black }  # help overlay body
  overlay-border:      { fg: bright-yellow, bg: black, bold: true }  # help overlay frame
  overlay-key:         { fg: bright-yellow, bg: black, bold: true }  # key names in the help overlay
  phase-allow:         { fg: bright-green, bg: black, bold: true }  # trace phases that pass
  phase-deny:          { fg: bright-red, bg: black, bold: true }  # trace phases a firewall denied
  phase-drop:          { fg: bright-yellow, bg: black, bold: true }  # trace phases dropped before any firewall
  phase-info:          { fg: bright-cyan, bg: black }  # neutral trace phases
  severity-error:      { fg: bright-red, bg: black, bold: true }  # error findings
  severity-warning:    { fg: bright-yellow, bg: black, bold: true }  # warning findings
  severity-info:       { fg: bright-cyan, bg: black }  # informational findings
"""# + "\n"

    /// `themes/monochrome.yaml`.
    internal static let monochrome = #"""
# Gatewatch theme 'monochrome'. Every UI role is named; colours are names (black … bright-white),
# 0-255 (xterm palette), #rrggbb or default; flags bold, underline, reverse, dim; `mono` is what
# a role looks like without colours (NO_COLOR, monochrome terminals).
name: monochrome
description: "No colours at all: attributes only (what NO_COLOR gives with any theme)."
roles:
  text:                { mono: none }  # ordinary text
  muted:               { dim: true, mono: [dim] }  # separators, absent values, hints
  header:              { reverse: true, mono: [reverse] }  # the top bar
  header-accent:       { reverse: true, bold: true, mono: [reverse, bold] }  # source and counts in the top bar
  stale:               { reverse: true, bold: true, underline: true, mono: [reverse, bold, underline] }  # the STALE marker when a source has failed
  past-state:          { reverse: true, bold: true, underline: true, mono: [reverse, bold, underline] }  # "AT <time> (read-only)": the console shows a past state
  tab:                 { mono: none }  # a view in the tab bar
  tab-active:          { reverse: true, bold: true, mono: [reverse, bold] }  # the current view's tab
  border:              { mono: none }  # frame lines
  title:               { bold: true, mono: [bold] }  # frame titles
  table-header:        { bold: true, mono: [bold] }  # column titles
  table-header-sorted: { bold: true, underline: true, mono: [bold, underline] }  # the column the table is sorted by
  group:               { bold: true, mono: [bold] }  # group rows (gateway deployment, policy)
  selection:           { reverse: true, mono: [reverse] }  # the selected row
  link:                { underline: true, mono: [underline] }  # drill-down targets in detail pages
  ok:                  { mono: none }  # healthy values (ready, bound)
  warn:                { bold: true, mono: [bold] }  # values that need attention
  error:               { bold: true, underline: true, mono: [bold, underline] }  # broken values
  idle:                { bold: true, underline: true, mono: [bold, underline] }  # idle Elastic IPs (still billed)
  gauge-ok:            { mono: none }  # gauge fill below 80 %
  gauge-warn:          { bold: true, mono: [bold] }  # gauge fill from 80 %
  gauge-critical:      { bold: true, underline: true, mono: [bold, underline] }  # gauge fill from 95 %
  gauge-empty:         { dim: true, mono: [dim] }  # the empty part of a gauge
  sparkline:           { mono: none }  # utilization history
  footer:              { reverse: true, mono: [reverse] }  # the bottom bar
  footer-key:          { reverse: true, bold: true, mono: [reverse, bold] }  # key names in the bottom bar
  prompt:              { bold: true, mono: [bold] }  # the : and / prompt
  completion:          { mono: none }  # completion candidates
  completion-selected: { reverse: true, mono: [reverse] }  # the candidate Tab picks
  message-info:        { bold: true, mono: [bold] }  # informational messages
  message-error:       { reverse: true, bold: true, mono: [reverse, bold] }  # error messages
  overlay:             { mono: none }  # help overlay body
  overlay-border:      { bold: true, mono: [bold] }  # help overlay frame
  overlay-key:         { bold: true, mono: [bold] }  # key names in the help overlay
  phase-allow:         { bold: true, mono: [bold] }  # trace phases that pass
  phase-deny:          { reverse: true, bold: true, mono: [reverse, bold] }  # trace phases a firewall denied
  phase-drop:          { bold: true, underline: true, mono: [bold, underline] }  # trace phases dropped before any firewall
  phase-info:          { mono: none }  # neutral trace phases
  severity-error:      { reverse: true, bold: true, mono: [reverse, bold] }  # error findings
  severity-warning:    { bold: true, mono: [bold] }  # warning findings
  severity-info:       { mono: none }  # informational findings
"""# + "\n"
}
