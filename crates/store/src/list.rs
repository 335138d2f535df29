//! The catalogue list: pages of rows in the order the cataloguer chose, sorted with the
//! interface language's collation.
//!
//! Sorting by title or author computes the whole order once, in Rust, from ICU sort keys,
//! and keeps it until the catalogue changes: page requests while scrolling are then a slice
//! and one indexed lookup, and imports pay nothing for locale-specific indexes.

use crate::catalogue::{parse_flavour, Catalogue, Status};
use crate::Result;
use qiao_i18n::{Collation, Lang};
use qiao_marc::Flavour;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Records in the catalogue.
    Active,
    /// Deleted records that can still be restored.
    Trash,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Title,
    Author,
    Year,
    Modified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListRequest {
    pub scope: Scope,
    pub sort: SortBy,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the catalogue list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecordRow {
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub id: i64,
    pub flavour: Flavour,
    pub status: Status,
    pub title: String,
    pub responsibility: String,
    pub year: Option<i32>,
    pub language: Option<String>,
    pub isbn: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = specta_typescript::Number))]
    pub modified_at: i64,
}

/// A page of the list and the size of the whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<RecordRow>,
}

/// The most rows one request may ask for.
pub const MAX_PAGE: u32 = 1000;

#[derive(Default)]
pub(crate) struct OrderCache {
    entry: Option<CachedOrder>,
}

struct CachedOrder {
    key: (Scope, SortBy, bool, Lang),
    data_version: i64,
    writes: u64,
    ids: Vec<i64>,
}

impl Catalogue {
    /// One page of the list, in the requested order.
    pub fn list(&mut self, request: &ListRequest, lang: Lang) -> Result<ListPage> {
        let ids = self.ordered_ids(request.scope, request.sort, request.descending, lang)?;
        let total = ids.len() as u32;
        let start = (request.offset as usize).min(ids.len());
        let end = (start + request.limit.min(MAX_PAGE) as usize).min(ids.len());
        // The page's ids, copied: the cached order borrows the catalogue, the query needs it too.
        let page: Vec<i64> = ids[start..end].to_vec();
        let wanted = serde_json::to_string(&page).unwrap_or_else(|_| "[]".into());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, flavour, status, title, responsibility, year, language, isbn, modified_at
                 FROM records WHERE id IN (SELECT value FROM json_each(?1))",
            )
            .map_err(|e| crate::StoreError::sqlite(self.path(), e))?;
        let mut by_id: HashMap<i64, RecordRow> = stmt
            .query_map([wanted], |r| {
                Ok(RecordRow {
                    id: r.get(0)?,
                    flavour: parse_flavour(&r.get::<_, String>(1)?),
                    status: Status::parse(&r.get::<_, String>(2)?),
                    title: r.get(3)?,
                    responsibility: r.get(4)?,
                    year: r.get(5)?,
                    language: r.get(6)?,
                    isbn: r.get(7)?,
                    modified_at: r.get(8)?,
                })
            })
            .and_then(|rows| rows.map(|r| r.map(|row| (row.id, row))).collect())
            .map_err(|e| crate::StoreError::sqlite(self.path(), e))?;
        let rows = page.iter().filter_map(|id| by_id.remove(id)).collect();
        Ok(ListPage { total, offset: start as u32, rows })
    }

    /// Where a record stands in the list (to scroll to it after a save), if it is there.
    pub fn position(
        &mut self,
        id: i64,
        scope: Scope,
        sort: SortBy,
        descending: bool,
        lang: Lang,
    ) -> Result<Option<u32>> {
        let ids = self.ordered_ids(scope, sort, descending, lang)?;
        Ok(ids.iter().position(|x| *x == id).map(|p| p as u32))
    }

    /// How many records the list holds.
    pub fn count(&self, scope: Scope) -> Result<u32> {
        let sql = match scope {
            Scope::Active => "SELECT count(*) FROM records WHERE deleted_at IS NULL",
            Scope::Trash => "SELECT count(*) FROM records WHERE deleted_at IS NOT NULL",
        };
        self.conn.query_row(sql, [], |r| r.get(0)).map_err(self.sql())
    }

    fn ordered_ids(&mut self, scope: Scope, sort: SortBy, descending: bool, lang: Lang) -> Result<&[i64]> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(self.sql())?;
        let key = (scope, sort, descending, lang);
        let fresh = self
            .order
            .entry
            .as_ref()
            .is_some_and(|c| c.key == key && c.data_version == data_version && c.writes == self.writes);
        if !fresh {
            let ids = self.compute_order(scope, sort, descending, lang)?;
            self.order.entry = Some(CachedOrder { key, data_version, writes: self.writes, ids });
        }
        Ok(self.order.entry.as_ref().map(|c| c.ids.as_slice()).unwrap_or(&[]))
    }

    fn compute_order(&self, scope: Scope, sort: SortBy, descending: bool, lang: Lang) -> Result<Vec<i64>> {
        let filter = match scope {
            Scope::Active => "deleted_at IS NULL",
            Scope::Trash => "deleted_at IS NOT NULL",
        };
        let direction = if descending { "DESC" } else { "ASC" };
        let (column, collated) = match sort {
            SortBy::Title => ("sort_title", true),
            SortBy::Author => ("responsibility", true),
            // Records without a year go last whichever way the list runs.
            SortBy::Year => ("year IS NULL, year", false),
            SortBy::Modified => ("modified_at", false),
        };
        if !collated {
            let sql = format!("SELECT id FROM records WHERE {filter} ORDER BY {column} {direction}, id {direction}");
            let mut stmt = self.conn.prepare(&sql).map_err(self.sql())?;
            let ids = stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(self.sql())?;
            return Ok(ids);
        }
        let collation = Collation::new(lang);
        let sql = format!("SELECT id, {column} FROM records WHERE {filter}");
        let mut stmt = self.conn.prepare(&sql).map_err(self.sql())?;
        // (empty?, collation key, id): records with no title or author go last.
        let mut keyed: Vec<(bool, Vec<u8>, i64)> = stmt
            .query_map([], |r| {
                let text: String = r.get(1)?;
                Ok((text.is_empty(), collation.sort_key(&text), r.get(0)?))
            })
            .and_then(Iterator::collect)
            .map_err(self.sql())?;
        keyed.sort_unstable();
        let (filled, empty): (Vec<_>, Vec<_>) = keyed.into_iter().partition(|k| !k.0);
        let mut ids: Vec<i64> = filled.into_iter().map(|k| k.2).collect();
        if descending {
            ids.reverse();
        }
        ids.extend(empty.into_iter().map(|k| k.2));
        Ok(ids)
    }
}
