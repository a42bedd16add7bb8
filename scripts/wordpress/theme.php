<?php
/**
 * Switch the test WordPress to another installed theme (Debian has no wp-cli):
 *
 *   php theme.php DOCROOT BASE_URL SLUG      e.g. twentytwentyone (classic), twentytwentythree (block)
 *
 * Prints the active theme's stylesheet slug. Used by tests/looks to learn a classic theme's look.
 */

if (PHP_SAPI !== 'cli' || $argc < 4) {
    fwrite(STDERR, "usage: php theme.php DOCROOT BASE_URL SLUG\n");
    exit(2);
}
[$docroot, $base_url, $slug] = array_slice($argv, 1, 3);
$u = parse_url($base_url);
$_SERVER['HTTP_HOST'] = $u['host'] . (isset($u['port']) ? ':' . $u['port'] : '');
$_SERVER['SERVER_NAME'] = $u['host'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require $docroot . '/wp-load.php';
$theme = wp_get_theme($slug);
if (!$theme->exists()) {
    fwrite(STDERR, "theme.php: no theme $slug\n");
    exit(1);
}
if (get_stylesheet() !== $slug) {
    switch_theme($slug);
}
echo get_stylesheet(), "\n";
