<?php
/**
 * Provisioning for the newsdesk test WordPress, run by start.sh with php-cli:
 *
 *   php setup.php DOCROOT CREDENTIALS_JSON BASE_URL [--reset]
 *
 * Idempotent. Installs WordPress if the database is empty (upgrades the
 * database schema if the Debian package moved on), sets pretty permalinks,
 * makes sure the users editor (administrator), writer (author) and reader
 * (subscriber) exist with their roles, keeps their login and application
 * passwords if CREDENTIALS_JSON still holds valid ones or makes new ones,
 * and (re)writes CREDENTIALS_JSON (mode 600).
 *
 * With --reset (and on the very first install) it deletes all content:
 * posts of every type (pages, attachments, revisions, ...), comments,
 * terms except the default category, and the files under uploads/.
 */

if (PHP_SAPI !== 'cli') {
    exit(1);
}
if ($argc < 4) {
    fwrite(STDERR, "usage: php setup.php DOCROOT CREDENTIALS_JSON BASE_URL [--reset]\n");
    exit(2);
}
[$docroot, $credentials_file, $base_url] = array_slice($argv, 1, 3);
$do_reset = in_array('--reset', array_slice($argv, 4), true);

const NEWSDESK_APP_PASSWORD_NAME = 'newsdesk-tests';
const NEWSDESK_USERS = [
    // username => role
    'editor' => 'administrator',
    'writer' => 'author',
    'reader' => 'subscriber',
];

// What WordPress expects of a web request.
$u = parse_url($base_url);
$_SERVER['HTTP_HOST'] = $u['host'] . (isset($u['port']) ? ':' . $u['port'] : '');
$_SERVER['SERVER_NAME'] = $u['host'];
$_SERVER['SERVER_PORT'] = (string)($u['port'] ?? 80);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

// Lets WordPress load on an empty database instead of redirecting to the installer.
define('WP_INSTALLING', true);

// No mail can leave this machine: don't try to send the "new site" mail.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password)
{
}

require $docroot . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
add_filter('pre_wp_mail', '__return_true');

function newsdesk_random_password(): string
{
    return wp_generate_password(24, false, false);
}

function newsdesk_fail(string $msg): void
{
    fwrite(STDERR, "setup.php: $msg\n");
    exit(1);
}

function newsdesk_rrmdir_contents(string $dir): void
{
    if (!is_dir($dir) || is_link($dir)) {
        return;
    }
    $it = new RecursiveIteratorIterator(
        new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS),
        RecursiveIteratorIterator::CHILD_FIRST
    );
    foreach ($it as $f) {
        if ($f->isDir() && !$f->isLink()) {
            rmdir($f->getPathname());
        } else {
            unlink($f->getPathname());
        }
    }
}

function newsdesk_reset_content(): void
{
    global $wpdb;
    foreach (['posts', 'postmeta', 'comments', 'commentmeta', 'term_relationships'] as $t) {
        $wpdb->query("TRUNCATE TABLE {$wpdb->$t}");
    }
    $default_cat = (int) get_option('default_category', 1);
    $keep_tt = (int) $wpdb->get_var($wpdb->prepare(
        "SELECT term_taxonomy_id FROM {$wpdb->term_taxonomy} WHERE term_id = %d AND taxonomy = 'category'",
        $default_cat
    ));
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->term_taxonomy} WHERE term_taxonomy_id <> %d", $keep_tt));
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->terms} WHERE term_id <> %d", $default_cat));
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->termmeta} WHERE term_id <> %d", $default_cat));
    $wpdb->query("UPDATE {$wpdb->term_taxonomy} SET count = 0, parent = 0");
    // Next ids start right after the default category again.
    $wpdb->query("ALTER TABLE {$wpdb->terms} AUTO_INCREMENT = 1");
    $wpdb->query("ALTER TABLE {$wpdb->term_taxonomy} AUTO_INCREMENT = 1");
    foreach (get_taxonomies() as $tax) {
        delete_option("{$tax}_children");
    }
    $wpdb->query("DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_%' OR option_name LIKE '\\_site\\_transient\\_%'");
    update_option('sticky_posts', []);
    update_option('show_on_front', 'posts');
    update_option('page_on_front', 0);
    update_option('page_for_posts', 0);
    update_option('wp_page_for_privacy_policy', 0);
    update_option('site_icon', 0);
    wp_cache_flush();
    $uploads = wp_get_upload_dir();
    newsdesk_rrmdir_contents($uploads['basedir']);
}

// ---------------------------------------------------------------- install
$fresh = false;
$known = [];
if (!is_blog_installed()) {
    $pw = newsdesk_random_password();
    $r = wp_install('Newsdesk Test', 'editor', 'editor@example.com', false, '', $pw);
    if (empty($r['user_id'])) {
        newsdesk_fail('wp_install() failed');
    }
    $known['editor'] = $pw;
    $fresh = true;
} else {
    global $wp_db_version;
    if ((int) get_option('db_version') !== (int) $wp_db_version) {
        wp_upgrade();
    }
}

if (get_option('blogname') !== 'Newsdesk Test') {
    update_option('blogname', 'Newsdesk Test');
}
global $wp_rewrite;
if (get_option('permalink_structure') !== '/%postname%/' || !get_option('rewrite_rules')) {
    $wp_rewrite->set_permalink_structure('/%postname%/');
    $wp_rewrite->flush_rules(false);
}

if ($fresh || $do_reset) {
    newsdesk_reset_content();
}

// ------------------------------------------------------------------ users
$old = [];
if (is_readable($credentials_file)) {
    $old = json_decode((string) file_get_contents($credentials_file), true) ?: [];
}
$out_users = [];
foreach (NEWSDESK_USERS as $login => $role) {
    $prev = $old['users'][$login] ?? [];
    $user = get_user_by('login', $login);
    if (!$user) {
        $pw = newsdesk_random_password();
        $id = wp_insert_user([
            'user_login' => $login,
            'user_pass' => $pw,
            'user_email' => "$login@example.com",
            'display_name' => ucfirst($login),
            'role' => $role,
        ]);
        if (is_wp_error($id)) {
            newsdesk_fail("creating user $login: " . $id->get_error_message());
        }
        $known[$login] = $pw;
        $user = get_user_by('id', $id);
    }
    if (array_values($user->roles) !== [$role]) {
        $user->set_role($role);
    }
    // Login password (for wp-admin in a browser): keep it if still valid.
    if (isset($known[$login])) {
        $password = $known[$login];
    } elseif (!empty($prev['password']) && wp_check_password($prev['password'], $user->user_pass, $user->ID)) {
        $password = $prev['password'];
    } else {
        $password = newsdesk_random_password();
        wp_set_password($password, $user->ID);
    }
    // Application password (for the REST API): keep it if still valid.
    $app = null;
    $items = WP_Application_Passwords::get_user_application_passwords($user->ID);
    if (!empty($prev['application_password'])) {
        foreach ($items as $item) {
            if (wp_check_password($prev['application_password'], $item['password'], $user->ID)) {
                $app = $prev['application_password'];
                break;
            }
        }
    }
    if ($app === null) {
        foreach ($items as $item) {
            if ($item['name'] === NEWSDESK_APP_PASSWORD_NAME) {
                WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
            }
        }
        $r = WP_Application_Passwords::create_new_application_password(
            $user->ID,
            ['name' => NEWSDESK_APP_PASSWORD_NAME]
        );
        if (is_wp_error($r)) {
            newsdesk_fail("application password for $login: " . $r->get_error_message());
        }
        $app = $r[0];
    }
    $out_users[$login] = [
        'username' => $login,
        'role' => $role,
        'user_id' => $user->ID,
        'email' => $user->user_email,
        'password' => $password,
        'application_password' => $app,
    ];
}

// ------------------------------------------------------------ credentials
$base = rtrim($base_url, '/');
$data = [
    'base_url' => $base,
    'rest_url' => $base . '/wp-json/',
    'wordpress_version' => $GLOBALS['wp_version'],
    'users' => $out_users,
];
$json = json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n";
if (!$old || json_encode($old) !== json_encode($data)) {
    $old_umask = umask(077);
    $tmp = $credentials_file . '.tmp';
    if (file_put_contents($tmp, $json) === false || !chmod($tmp, 0600) || !rename($tmp, $credentials_file)) {
        newsdesk_fail("cannot write $credentials_file");
    }
    umask($old_umask);
}
chmod($credentials_file, 0600);
echo $fresh ? "installed\n" : "ok\n";
