# Nightly export of an agency's referrals with PowerShell 7 (Windows Task Scheduler): everything
# changed since the last run, as NDJSON (one referral per line, the shape of GET /v1/referrals/{id}),
# into a new file. Where the next run resumes is kept in $env:EXPORT_DIR\next, written only after the
# whole export arrived (it ends with its trailer line), so a failed or cut-short run is simply repeated.
#
#   $env:REFERRAL_API_URL = 'https://referral.example.go.id'; $env:REFERRAL_API_KEY = '...'
#   pwsh -File Export-Nightly.ps1
#
# EXPORT_DIR (default .\referral-export), EXPORT_BOX (inbox or outbox, default inbox), EXPORT_SINCE
# (where the first run starts, default 2000-01-01T00:00:00Z). Exit codes: 0 done, 1 configuration,
# 3 the API failed or the export was cut short (retry later).
$ErrorActionPreference = 'Stop'

if (-not $env:REFERRAL_API_URL -or -not $env:REFERRAL_API_KEY) {
    [Console]::Error.WriteLine('set REFERRAL_API_URL and REFERRAL_API_KEY')
    exit 1
}
$dir = if ($env:EXPORT_DIR) { $env:EXPORT_DIR } else { Join-Path '.' 'referral-export' }
$box = if ($env:EXPORT_BOX) { $env:EXPORT_BOX } else { 'inbox' }
New-Item -ItemType Directory -Force -Path $dir | Out-Null
$state = Join-Path $dir 'next'
$since = if (Test-Path $state) { (Get-Content -Raw $state).Trim() } elseif ($env:EXPORT_SINCE) { $env:EXPORT_SINCE } else { '2000-01-01T00:00:00Z' }

$uri = '{0}/v1/referrals/export?box={1}&updatedAfter={2}' -f $env:REFERRAL_API_URL.TrimEnd('/'), [Uri]::EscapeDataString($box), [Uri]::EscapeDataString($since)
$body = Join-Path $dir ('.export-{0}' -f [Guid]::NewGuid())
try {
    Invoke-WebRequest -Uri $uri -OutFile $body -Headers @{ Authorization = "Bearer $($env:REFERRAL_API_KEY)"; Accept = 'application/x-ndjson' } | Out-Null
    $lines = @(Get-Content -Path $body -Encoding utf8 | Where-Object { $_.Trim() -ne '' })
}
catch {
    [Console]::Error.WriteLine("export failed ($($_.Exception.Message)); the next run starts again from $since")
    exit 3
}
finally {
    Remove-Item -ErrorAction SilentlyContinue $body
}

# The last line is the trailer {"nextUpdatedAfter": ..., "count": N}; without it the export was cut short.
$trailer = if ($lines.Count -gt 0) { $lines[-1] | ConvertFrom-Json -AsHashtable } else { @{} }
if (-not $trailer.ContainsKey('nextUpdatedAfter')) {
    [Console]::Error.WriteLine('export cut short; run again')
    exit 3
}
if ($trailer['count'] -gt 0) {
    $out = Join-Path $dir ('referrals-{0}.ndjson' -f [DateTime]::UtcNow.ToString('yyyyMMddTHHmmssZ'))
    $text = ($lines[0..($lines.Count - 2)] -join "`n") + "`n"
    [IO.File]::WriteAllText("$out.tmp", $text, [Text.UTF8Encoding]::new($false))
    Move-Item -Force "$out.tmp" $out
    Write-Output "$($trailer['count']) referrals in $out"
}
else {
    Write-Output "no referral changed since $since"
}
# The trailer's instant as the API wrote it: ConvertFrom-Json would turn it into a local DateTime.
$next = [regex]::Match($lines[-1], '"nextUpdatedAfter"\s*:\s*"([^"]+)"').Groups[1].Value
[IO.File]::WriteAllText("$state.tmp", "$next`n", [Text.UTF8Encoding]::new($false))
Move-Item -Force "$state.tmp" $state
exit 0
