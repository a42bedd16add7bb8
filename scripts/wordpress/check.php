<?php
/**
 * Self-check run by start.sh over HTTP: /wp-json/ lists wp/v2, and each
 * user's application password authenticates (GET /wp/v2/users/me).
 *
 *   php check.php CREDENTIALS_JSON
 */
$creds = json_decode((string) @file_get_contents($argv[1] ?? ''), true);
if (!$creds) {
    fwrite(STDERR, "check.php: cannot read credentials file\n");
    exit(1);
}

function get(string $url, ?string $auth = null): array
{
    $headers = "Accept: application/json\r\n";
    if ($auth !== null) {
        $headers .= 'Authorization: Basic ' . base64_encode($auth) . "\r\n";
    }
    $ctx = stream_context_create(['http' => [
        'timeout' => 20, 'ignore_errors' => true, 'header' => $headers,
    ]]);
    $body = @file_get_contents($url, false, $ctx);
    $status = 0;
    foreach ($http_response_header ?? [] as $h) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $h, $m)) {
            $status = (int) $m[1];
        }
    }
    return [$status, $body === false ? null : json_decode($body, true), $body];
}

$fail = false;
[$status, $index, $raw] = get($creds['rest_url']);
if ($status !== 200 || !in_array('wp/v2', $index['namespaces'] ?? [], true)) {
    fwrite(STDERR, "GET {$creds['rest_url']} -> $status, no wp/v2 namespace: " . substr((string) $raw, 0, 300) . "\n");
    $fail = true;
}
foreach ($creds['users'] as $u) {
    $url = $creds['rest_url'] . 'wp/v2/users/me?context=edit';
    [$status, $me, $raw] = get($url, $u['username'] . ':' . $u['application_password']);
    if ($status !== 200 || ($me['slug'] ?? null) !== $u['username'] || !in_array($u['role'], $me['roles'] ?? [], true)) {
        fwrite(STDERR, "GET $url as {$u['username']} -> $status: " . substr((string) $raw, 0, 300) . "\n");
        $fail = true;
    }
}
echo $fail ? "FAILED\n" : "ok\n";
exit($fail ? 1 : 0);
