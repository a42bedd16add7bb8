<?php
/**
 * Router for `php -S` serving the private WordPress docroot made by start.sh.
 *
 * - /__newsdesk_ping answers with the docroot path, so start.sh can tell
 *   that the server on the port is its own.
 * - Existing files (static or .php) and directories are left to the
 *   built-in server (return false); a directory without trailing slash is
 *   redirected first, as Apache would.
 * - Everything else goes to WordPress's index.php, which is what Apache's
 *   mod_rewrite rules do: that makes pretty permalinks and /wp-json/ work.
 */

$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$path = '/' . ltrim(urldecode($path === null || $path === false ? '/' : $path), '/');

if ($path === '/__newsdesk_ping') {
    header('Content-Type: text/plain');
    echo 'newsdesk-wp ' . $root . "\n";
    return true;
}

if (strpos($path, '..') === false && file_exists($root . $path)) {
    if (is_dir($root . $path) && substr($path, -1) !== '/') {
        $query = parse_url($_SERVER['REQUEST_URI'], PHP_URL_QUERY);
        header('Location: ' . $path . '/' . ($query ? '?' . $query : ''), true, 301);
        return true;
    }
    $file = $root . $path;
    if (is_file($file) && is_link($file) && substr($file, -4) !== '.php') {
        // Debian links some assets (underscore.js, cropper) to /usr/share;
        // the built-in server refuses files outside the docroot: serve them.
        $types = ['js' => 'text/javascript', 'css' => 'text/css', 'gif' => 'image/gif',
            'png' => 'image/png', 'svg' => 'image/svg+xml', 'map' => 'application/json'];
        $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
        header('Content-Type: ' . ($types[$ext] ?? (mime_content_type($file) ?: 'application/octet-stream')));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
    if (!is_dir($file) || file_exists($file . 'index.php')) {
        return false; // the built-in server serves it (and runs .php files)
    }
}

// Front controller: pretty permalinks, /wp-json/..., 404s.
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
