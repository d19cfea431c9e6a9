package io.boreal.jdbc.impl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

import io.boreal.jdbc.BorealDriver;

/**
 * {@link java.sql.DatabaseMetaData} of a Boreal connection: who it is, and (in
 * {@link DatabaseCapabilities}) what it can do. Catalog, schema, type and table-type listings
 * are answered; everything that needs the engine's catalog (tables, columns, keys, indexes,
 * privileges, procedures, functions, user-defined types) throws
 * {@link java.sql.SQLFeatureNotSupportedException} until the session API exposes the catalog.
 */
public final class BorealDatabaseMetaData extends DatabaseCapabilities {

    private final BorealConnection connection;

    BorealDatabaseMetaData(BorealConnection connection) {
        this.connection = connection;
    }

    private static SQLException needsCatalog(String what) {
        return SqlErrors.unsupported(what + " (the driver cannot read the engine's catalog yet)");
    }

    // ---- identity ----------------------------------------------------------------------------
    @Override public Connection getConnection() { return connection; }
    @Override public String getURL() { return connection.url(); }
    @Override public String getUserName() { return connection.user(); }
    @Override public boolean isReadOnly() { return false; }
    @Override public String getDatabaseProductName() { return "Boreal"; }
    @Override public String getDatabaseProductVersion() { return BorealDriver.VERSION; }
    @Override public int getDatabaseMajorVersion() { return BorealDriver.MAJOR_VERSION; }
    @Override public int getDatabaseMinorVersion() { return BorealDriver.MINOR_VERSION; }
    @Override public String getDriverName() { return BorealDriver.NAME; }
    @Override public String getDriverVersion() { return BorealDriver.VERSION; }
    @Override public int getDriverMajorVersion() { return BorealDriver.MAJOR_VERSION; }
    @Override public int getDriverMinorVersion() { return BorealDriver.MINOR_VERSION; }
    @Override public int getJDBCMajorVersion() { return 4; }
    @Override public int getJDBCMinorVersion() { return 2; }
    @Override public int getSQLStateType() { return sqlStateSQL; }
    @Override public RowIdLifetime getRowIdLifetime() { return RowIdLifetime.ROWID_UNSUPPORTED; }
    @Override public boolean usesLocalFiles() { return connection.url().contains(":file:"); }
    @Override public boolean usesLocalFilePerTable() { return false; }

    // ---- words -------------------------------------------------------------------------------
    @Override public String getIdentifierQuoteString() { return "`"; }
    @Override public String getSQLKeywords() { return "AUTO_INCREMENT,LIMIT,PARTITIONS"; }
    @Override public String getNumericFunctions() { return ""; }
    @Override public String getStringFunctions() { return ""; }
    @Override public String getSystemFunctions() { return ""; }
    @Override public String getTimeDateFunctions() { return ""; }
    @Override public String getSearchStringEscape() { return "\\"; }
    @Override public String getExtraNameCharacters() { return ""; }
    @Override public String getSchemaTerm() { return "schema"; }
    @Override public String getProcedureTerm() { return "procedure"; }
    @Override public String getCatalogTerm() { return "database"; }
    @Override public String getCatalogSeparator() { return "."; }

    // ---- listings the driver answers ---------------------------------------------------------
    @Override public ResultSet getCatalogs() { return MetadataResults.catalogs(); }
    @Override public ResultSet getSchemas() { return MetadataResults.schemas(); }
    @Override public ResultSet getSchemas(String catalog, String schemaPattern) { return MetadataResults.schemas(); }
    @Override public ResultSet getTableTypes() { return MetadataResults.tableTypes(); }
    @Override public ResultSet getTypeInfo() { return MetadataResults.typeInfo(); }
    @Override public ResultSet getClientInfoProperties() { return MetadataResults.clientInfoProperties(); }

    // ---- listings that need the catalog ------------------------------------------------------
    // TODO(feature): answer these once SqlSession exposes the catalog (tables, columns, indexes).
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        throw needsCatalog("getTables");
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        throw needsCatalog("getColumns");
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        throw needsCatalog("getPrimaryKeys");
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        throw needsCatalog("getIndexInfo");
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        throw needsCatalog("getImportedKeys");
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        throw needsCatalog("getExportedKeys");
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        throw needsCatalog("getCrossReference");
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        throw needsCatalog("getBestRowIdentifier");
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        throw needsCatalog("getVersionColumns");
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        throw needsCatalog("getColumnPrivileges");
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        throw needsCatalog("getTablePrivileges");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        throw needsCatalog("getPseudoColumns");
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        throw needsCatalog("getProcedures");
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        throw needsCatalog("getProcedureColumns");
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        throw needsCatalog("getFunctions");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        throw needsCatalog("getFunctionColumns");
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        throw needsCatalog("getUDTs");
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        throw needsCatalog("getSuperTypes");
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        throw needsCatalog("getSuperTables");
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) throws SQLException {
        throw needsCatalog("getAttributes");
    }
}
