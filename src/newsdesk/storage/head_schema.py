"""The newest library schema, as the migrations make it: made by
``python -m newsdesk.storage.newlib`` (do not edit; see ``storage/newlib.py``)."""

from typing import Any

# fmt: off
REVISION = '0020'
TABLES = ['CREATE TABLE alembic_version (\n'
 '\tversion_num VARCHAR(32) NOT NULL, \n'
 '\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n'
 ')',
 'CREATE TABLE asset (\n'
 '\tsha256 VARCHAR(64) NOT NULL, \n'
 '\tfilename VARCHAR NOT NULL, \n'
 '\tmedia_type VARCHAR NOT NULL, \n'
 '\tsize INTEGER NOT NULL, \n'
 '\twidth INTEGER, \n'
 '\theight INTEGER, \n'
 '\tdata BLOB NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tPRIMARY KEY (sha256)\n'
 ')',
 'CREATE TABLE author (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tslug VARCHAR NOT NULL, \n'
 '\tbio VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name), \n'
 '\tUNIQUE (slug)\n'
 ')',
 'CREATE TABLE section (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tslug VARCHAR NOT NULL, \n'
 '\tposition INTEGER NOT NULL, \n'
 '\tdescription VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name), \n'
 '\tUNIQUE (slug)\n'
 ')',
 'CREATE TABLE site_setting (\n'
 '\t"key" VARCHAR NOT NULL, \n'
 '\tvalue VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY ("key")\n'
 ')',
 'CREATE TABLE tag (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tslug VARCHAR NOT NULL, \n'
 '\tdescription VARCHAR NOT NULL, \n'
 '\tslug_locked BOOLEAN NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name), \n'
 '\tUNIQUE (slug)\n'
 ')',
 'CREATE TABLE article (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tuuid VARCHAR(36) NOT NULL, \n'
 '\tslug VARCHAR NOT NULL, \n'
 '\theadline VARCHAR NOT NULL, \n'
 '\tstandfirst VARCHAR NOT NULL, \n'
 '\tbody VARCHAR NOT NULL, \n'
 '\tbody_html VARCHAR NOT NULL, \n'
 '\tsection_id INTEGER, \n'
 '\tstatus VARCHAR NOT NULL, \n'
 '\tdateline VARCHAR NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tupdated_at DATETIME NOT NULL, \n'
 '\tpublished_at DATETIME, \n'
 '\tscheduled_at DATETIME, \n'
 '\timage_sha256 VARCHAR, \n'
 '\timage_alt VARCHAR NOT NULL, \n'
 '\timage_caption VARCHAR NOT NULL, \n'
 '\timage_credit VARCHAR NOT NULL, \n'
 '\tseo_description VARCHAR NOT NULL, \n'
 '\teditors_note VARCHAR NOT NULL, \n'
 '\tlanguage VARCHAR NOT NULL, \n'
 '\tpinned BOOLEAN NOT NULL, \n'
 '\tword_count INTEGER NOT NULL, \n'
 '\ttags_text VARCHAR NOT NULL, \n'
 '\tbyline_text VARCHAR NOT NULL, \n'
 "\tversion INTEGER NOT NULL, stage VARCHAR DEFAULT 'draft' NOT NULL, updated_by VARCHAR "
 "DEFAULT '' NOT NULL, embargo_at DATETIME, assignee VARCHAR DEFAULT '' NOT NULL, word_budget "
 "INTEGER DEFAULT '0' NOT NULL, deadline_at DATETIME, \n"
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(image_sha256) REFERENCES asset (sha256) ON DELETE SET NULL, \n'
 '\tFOREIGN KEY(section_id) REFERENCES section (id) ON DELETE SET NULL, \n'
 '\tUNIQUE (slug), \n'
 '\tUNIQUE (uuid)\n'
 ')',
 'CREATE TABLE article_asset (\n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tasset_sha256 VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (article_id, asset_sha256), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(asset_sha256) REFERENCES asset (sha256) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE article_author (\n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tauthor_id INTEGER NOT NULL, \n'
 '\tposition INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (article_id, author_id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(author_id) REFERENCES author (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE article_tag (\n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\ttag_id INTEGER NOT NULL, \n'
 '\tposition INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (article_id, tag_id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(tag_id) REFERENCES tag (id) ON DELETE CASCADE\n'
 ')',
 'CREATE VIRTUAL TABLE article_fts USING fts5(headline, standfirst, body, tags_text, '
 "byline_text, content='article',\n"
 "        content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
 'CREATE TABLE article_revision (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tkind VARCHAR NOT NULL, \n'
 '\theadline VARCHAR NOT NULL, \n'
 '\tstandfirst VARCHAR NOT NULL, \n'
 '\tbody VARCHAR NOT NULL, \n'
 '\tsection VARCHAR, \n'
 '\ttags_json VARCHAR NOT NULL, \n'
 '\tbyline_json VARCHAR NOT NULL, \n'
 '\tdateline VARCHAR NOT NULL, \n'
 '\tstatus VARCHAR NOT NULL, \n'
 '\textra_json VARCHAR NOT NULL, \n'
 '\tword_count INTEGER NOT NULL, \n'
 '\tsummary VARCHAR NOT NULL, \n'
 "\tarticle_version INTEGER NOT NULL, desk VARCHAR DEFAULT '' NOT NULL, number INTEGER DEFAULT "
 "'0' NOT NULL, \n"
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE personal_word (\n'
 '\tword VARCHAR NOT NULL, \n'
 '\tlanguage VARCHAR NOT NULL, \n'
 '\tadded_at DATETIME NOT NULL, \n'
 '\tPRIMARY KEY (word, language)\n'
 ')',
 'CREATE TABLE publish_target (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\tkind VARCHAR NOT NULL, \n'
 '\turl VARCHAR NOT NULL, \n'
 '\tusername VARCHAR NOT NULL, \n'
 '\toptions JSON NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tUNIQUE (name)\n'
 ')',
 'CREATE TABLE publish_job (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\ttarget_id INTEGER NOT NULL, \n'
 '\taction VARCHAR NOT NULL, \n'
 '\tpost_status VARCHAR NOT NULL, \n'
 '\tforce BOOLEAN NOT NULL, \n'
 '\tstatus VARCHAR NOT NULL, \n'
 '\tattempts INTEGER NOT NULL, \n'
 '\tnext_attempt_at DATETIME NOT NULL, \n'
 '\tlast_error VARCHAR NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 "\tupdated_at DATETIME NOT NULL, claimed_by VARCHAR DEFAULT '' NOT NULL, \n"
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(target_id) REFERENCES publish_target (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE publish_log (\n'
 '\tid INTEGER NOT NULL, \n'
 '\ttime DATETIME NOT NULL, \n'
 '\tarticle_id INTEGER, \n'
 '\ttarget_name VARCHAR NOT NULL, \n'
 '\tlevel VARCHAR NOT NULL, \n'
 '\tmessage VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE SET NULL\n'
 ')',
 'CREATE TABLE remote_post (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\ttarget_id INTEGER NOT NULL, \n'
 '\tremote_id VARCHAR NOT NULL, \n'
 '\tremote_url VARCHAR NOT NULL, \n'
 '\tremote_status VARCHAR NOT NULL, \n'
 '\tremote_modified VARCHAR NOT NULL, \n'
 '\tlast_published_version INTEGER NOT NULL, \n'
 '\tlast_published_hash VARCHAR NOT NULL, \n'
 '\tlast_published_at DATETIME, \n'
 '\tmedia JSON NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(target_id) REFERENCES publish_target (id) ON DELETE CASCADE, \n'
 '\tUNIQUE (article_id, target_id)\n'
 ')',
 'CREATE TABLE trash_item (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tuuid VARCHAR(36) NOT NULL, \n'
 '\theadline VARCHAR NOT NULL, \n'
 '\tslug VARCHAR NOT NULL, \n'
 '\tstatus VARCHAR NOT NULL, \n'
 '\tword_count INTEGER NOT NULL, \n'
 '\ttrashed_at DATETIME NOT NULL, \n'
 '\tsnapshot JSON NOT NULL, \n'
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE site_look (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tname VARCHAR NOT NULL, \n'
 '\ttarget_name VARCHAR NOT NULL, \n'
 '\tplatform VARCHAR NOT NULL, \n'
 '\tsource_url VARCHAR NOT NULL, \n'
 '\ttaken_at DATETIME NOT NULL, \n'
 '\thtml VARCHAR NOT NULL, \n'
 '\tparts JSON NOT NULL, \n'
 '\tcorrected JSON NOT NULL, \n'
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE look_file (\n'
 '\tsha256 VARCHAR(64) NOT NULL, \n'
 '\tmedia_type VARCHAR NOT NULL, \n'
 '\tsize INTEGER NOT NULL, \n'
 '\tdata BLOB NOT NULL, \n'
 '\tsource_url VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (sha256)\n'
 ')',
 'CREATE TABLE site_look_file (\n'
 '\tlook_id INTEGER NOT NULL, \n'
 '\tfile_sha256 VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (look_id, file_sha256), \n'
 '\tFOREIGN KEY(look_id) REFERENCES site_look (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(file_sha256) REFERENCES look_file (sha256) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE library_change (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tseq INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (id)\n'
 ')',
 'CREATE TABLE site_export (\n'
 '\tout_path VARCHAR NOT NULL, \n'
 '\tchange_seq INTEGER NOT NULL, \n'
 '\tstate_key VARCHAR NOT NULL, \n'
 '\tmanifest_sha256 VARCHAR NOT NULL, \n'
 '\tfiles INTEGER NOT NULL, \n'
 '\texported_at DATETIME NOT NULL, state VARCHAR, \n'
 '\tPRIMARY KEY (out_path)\n'
 ')',
 'CREATE TABLE article_correction (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tkind VARCHAR NOT NULL, \n'
 '\ttext VARCHAR NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tdesk VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE article_event (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tdesk VARCHAR NOT NULL, \n'
 '\tkind VARCHAR NOT NULL, \n'
 '\told_value VARCHAR NOT NULL, \n'
 '\tnew_value VARCHAR NOT NULL, \n'
 '\tmessage VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE article_note (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tparent_id INTEGER, \n'
 '\tcreated_at DATETIME NOT NULL, \n'
 '\tdesk VARCHAR NOT NULL, \n'
 '\ttext VARCHAR NOT NULL, \n'
 '\tresolved_at DATETIME, \n'
 '\tresolved_by VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tFOREIGN KEY(parent_id) REFERENCES article_note (id) ON DELETE CASCADE\n'
 ')',
 'CREATE TABLE presence (\n'
 '\tid INTEGER NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tclient_id VARCHAR NOT NULL, \n'
 '\tdesk VARCHAR NOT NULL, \n'
 '\tsince DATETIME NOT NULL, \n'
 '\tseen_at DATETIME NOT NULL, \n'
 '\ttaken_over_by VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (id), \n'
 '\tFOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE, \n'
 '\tUNIQUE (article_id, client_id)\n'
 ')',
 'CREATE TABLE site_article_change (\n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tseq INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (article_id)\n'
 ')',
 'CREATE TABLE "site_export_file" (\n'
 '\tsite BIGINT NOT NULL, \n'
 '\tpath VARCHAR NOT NULL, \n'
 '\tno INTEGER NOT NULL, \n'
 '\tfingerprint VARCHAR NOT NULL, \n'
 '\tsize BIGINT NOT NULL, \n'
 '\tmtime_ns BIGINT NOT NULL, \n'
 '\tshard INTEGER NOT NULL, \n'
 '\tlastmod VARCHAR NOT NULL, \n'
 '\trecipe VARCHAR NOT NULL, \n'
 '\tPRIMARY KEY (site, path)\n'
 ')',
 'CREATE TABLE "site_export_dep" (\n'
 '\tsite BIGINT NOT NULL, \n'
 '\tarticle_id INTEGER NOT NULL, \n'
 '\tno INTEGER NOT NULL, \n'
 '\tPRIMARY KEY (site, article_id, no)\n'
 ')']
OTHERS = ['CREATE INDEX ix_section_position ON section (position)',
 'CREATE INDEX ix_article_section_id ON article (section_id)',
 'CREATE INDEX ix_article_status ON article (status)',
 'CREATE INDEX ix_article_status_updated ON article (status, updated_at)',
 'CREATE INDEX ix_article_updated_at ON article (updated_at)',
 'CREATE INDEX ix_article_author_author_id ON article_author (author_id)',
 'CREATE INDEX ix_article_tag_tag_id ON article_tag (tag_id)',
 'CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN\n'
 '        INSERT INTO article_fts(rowid, headline, standfirst, body, tags_text, byline_text) '
 'VALUES\n'
 '            (new.id, new.headline, new.standfirst, new.body, new.tags_text, '
 'new.byline_text);\n'
 '    END',
 'CREATE TRIGGER article_ad AFTER DELETE ON article BEGIN\n'
 '        INSERT INTO article_fts(article_fts, rowid, headline, standfirst, body, tags_text, '
 'byline_text) VALUES\n'
 "            ('delete', old.id, old.headline, old.standfirst, old.body, old.tags_text, "
 'old.byline_text);\n'
 '    END',
 'CREATE TRIGGER article_au AFTER UPDATE OF headline, standfirst, body, tags_text, byline_text '
 'ON article BEGIN\n'
 '        INSERT INTO article_fts(article_fts, rowid, headline, standfirst, body, tags_text, '
 'byline_text) VALUES\n'
 "            ('delete', old.id, old.headline, old.standfirst, old.body, old.tags_text, "
 'old.byline_text);\n'
 '        INSERT INTO article_fts(rowid, headline, standfirst, body, tags_text, byline_text) '
 'VALUES\n'
 '            (new.id, new.headline, new.standfirst, new.body, new.tags_text, '
 'new.byline_text);\n'
 '    END',
 'CREATE INDEX ix_article_revision_article_created ON article_revision (article_id, '
 'created_at)',
 'CREATE INDEX ix_publish_job_article_id ON publish_job (article_id)',
 'CREATE INDEX ix_publish_job_status_next ON publish_job (status, next_attempt_at)',
 'CREATE INDEX ix_publish_job_target_id ON publish_job (target_id)',
 'CREATE INDEX ix_publish_log_article_id ON publish_log (article_id)',
 'CREATE INDEX ix_publish_log_time ON publish_log (time)',
 'CREATE INDEX ix_remote_post_article_id ON remote_post (article_id)',
 'CREATE INDEX ix_remote_post_target_id ON remote_post (target_id)',
 'CREATE INDEX ix_trash_item_article_id ON trash_item (article_id)',
 'CREATE INDEX ix_trash_item_trashed_at ON trash_item (trashed_at)',
 'CREATE INDEX ix_trash_item_uuid ON trash_item (uuid)',
 'CREATE INDEX ix_site_look_name_taken ON site_look (name, taken_at)',
 'CREATE INDEX ix_site_look_file_file_sha256 ON site_look_file (file_sha256)',
 'CREATE INDEX ix_article_headline ON article (headline)',
 'CREATE INDEX ix_article_word_count ON article (word_count)',
 'CREATE TRIGGER library_change_article_insert AFTER INSERT ON article BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_update AFTER UPDATE ON article BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_delete AFTER DELETE ON article BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_section_insert AFTER INSERT ON section BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_section_update AFTER UPDATE ON section BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_section_delete AFTER DELETE ON section BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_tag_insert AFTER INSERT ON tag BEGIN UPDATE library_change SET '
 'seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_tag_update AFTER UPDATE ON tag BEGIN UPDATE library_change SET '
 'seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_tag_delete AFTER DELETE ON tag BEGIN UPDATE library_change SET '
 'seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_author_insert AFTER INSERT ON author BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_author_update AFTER UPDATE ON author BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_author_delete AFTER DELETE ON author BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_tag_insert AFTER INSERT ON article_tag BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_tag_update AFTER UPDATE ON article_tag BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_tag_delete AFTER DELETE ON article_tag BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_author_insert AFTER INSERT ON article_author BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_author_update AFTER UPDATE ON article_author BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_author_delete AFTER DELETE ON article_author BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_asset_insert AFTER INSERT ON asset BEGIN UPDATE library_change '
 'SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_asset_update AFTER UPDATE ON asset BEGIN UPDATE library_change '
 'SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_asset_delete AFTER DELETE ON asset BEGIN UPDATE library_change '
 'SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_asset_insert AFTER INSERT ON article_asset BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_asset_update AFTER UPDATE ON article_asset BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_article_asset_delete AFTER DELETE ON article_asset BEGIN '
 'UPDATE library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_site_setting_insert AFTER INSERT ON site_setting BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_site_setting_update AFTER UPDATE ON site_setting BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE TRIGGER library_change_site_setting_delete AFTER DELETE ON site_setting BEGIN UPDATE '
 'library_change SET seq = seq + 1 WHERE id = 1; END',
 'CREATE INDEX ix_article_stage ON article (stage)',
 'CREATE INDEX ix_article_assignee ON article (assignee)',
 'CREATE INDEX ix_article_correction_article_id ON article_correction (article_id)',
 'CREATE INDEX ix_article_event_article_created ON article_event (article_id, created_at)',
 'CREATE INDEX ix_article_note_article_id ON article_note (article_id)',
 'CREATE INDEX ix_article_note_parent_id ON article_note (parent_id)',
 'CREATE INDEX ix_presence_article_id ON presence (article_id)',
 'CREATE INDEX ix_article_revision_article_number ON article_revision (article_id, number)',
 "CREATE INDEX ix_article_unrendered ON article (id) WHERE body_html = ''",
 'CREATE INDEX ix_site_article_change_seq ON site_article_change (seq)',
 'CREATE INDEX ix_article_embargo_at ON article (embargo_at)',
 'CREATE TRIGGER site_article_change_article_insert AFTER INSERT ON article BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (NEW.id, (SELECT seq FROM library_change WHERE '
 'id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_update AFTER UPDATE ON article BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (NEW.id, (SELECT seq FROM library_change WHERE '
 'id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_delete AFTER DELETE ON article BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (OLD.id, (SELECT seq FROM library_change WHERE '
 'id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_tag_insert AFTER INSERT ON article_tag BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_tag_update AFTER UPDATE ON article_tag BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_tag_delete AFTER DELETE ON article_tag BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (OLD.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_author_insert AFTER INSERT ON article_author '
 'BEGIN INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq '
 'FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = '
 'excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_author_update AFTER UPDATE ON article_author '
 'BEGIN INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq '
 'FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = '
 'excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_author_delete AFTER DELETE ON article_author '
 'BEGIN INSERT INTO site_article_change (article_id, seq) VALUES (OLD.article_id, (SELECT seq '
 'FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = '
 'excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_asset_insert AFTER INSERT ON article_asset BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_asset_update AFTER UPDATE ON article_asset BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (NEW.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_asset_delete AFTER DELETE ON article_asset BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (OLD.article_id, (SELECT seq FROM '
 'library_change WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; '
 'END',
 'CREATE TRIGGER site_article_change_article_correction_insert AFTER INSERT ON '
 'article_correction BEGIN INSERT INTO site_article_change (article_id, seq) VALUES '
 '(NEW.article_id, (SELECT seq FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) '
 'DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_correction_update AFTER UPDATE ON '
 'article_correction BEGIN INSERT INTO site_article_change (article_id, seq) VALUES '
 '(NEW.article_id, (SELECT seq FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) '
 'DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_article_correction_delete AFTER DELETE ON '
 'article_correction BEGIN INSERT INTO site_article_change (article_id, seq) VALUES '
 '(OLD.article_id, (SELECT seq FROM library_change WHERE id = 1) + 1) ON CONFLICT (article_id) '
 'DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_section_insert AFTER INSERT ON section BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_section_update AFTER UPDATE ON section BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_section_delete AFTER DELETE ON section BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_tag_insert AFTER INSERT ON tag BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_tag_update AFTER UPDATE ON tag BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_tag_delete AFTER DELETE ON tag BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_author_insert AFTER INSERT ON author BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_author_update AFTER UPDATE ON author BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_author_delete AFTER DELETE ON author BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_asset_insert AFTER INSERT ON asset BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_asset_update AFTER UPDATE ON asset BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_asset_delete AFTER DELETE ON asset BEGIN INSERT INTO '
 'site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change WHERE id = '
 '1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_site_setting_insert AFTER INSERT ON site_setting BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change '
 'WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_site_setting_update AFTER UPDATE ON site_setting BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change '
 'WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE TRIGGER site_article_change_site_setting_delete AFTER DELETE ON site_setting BEGIN '
 'INSERT INTO site_article_change (article_id, seq) VALUES (0, (SELECT seq FROM library_change '
 'WHERE id = 1) + 1) ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END',
 'CREATE UNIQUE INDEX ix_site_export_file_no ON site_export_file (site, no)',
 'CREATE INDEX ix_site_export_file_shard ON site_export_file (site, shard, path, lastmod)']
ROWS: dict[str, Any] = {'alembic_version': (('version_num',), [('0020',)]),
 'library_change': (('id', 'seq'), [(1, 0)])}
FTS_CONFIG: list[tuple[str, str, Any]] = [('article_fts', 'rank', 'bm25(10.0, 4.0, 1.0, 6.0, 3.0)')]
