"""Write operations for workforce records. Import from the submodule that owns the entity."""
