// Key Vault in RBAC mode, holding the app's keys: the dedupe HMAC key, the link-signing key and the
// AES-256 key for personal data. Their values come from @secure() parameters that the preprovision
// hook generates once per azd environment; once they are here the postprovision hook clears them from
// the environment and later provisions pass them empty, which leaves the vault's secret as it is (a
// new value would break dedupe, void the links already emailed, or make stored personal data
// unreadable). The app reads them through Key Vault references with its managed identity.

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

param tags object = {}

@description('Base64 HMAC key for dedupe (Petitions:DedupeKey), at least 32 bytes.')
@secure()
param dedupeKey string

@description('Base64 key that signs the links in emails (Petitions:LinkKey), at least 32 bytes.')
@secure()
param linkKey string

@description('Base64 AES-256 key (32 bytes) for personal data, stored under the active key id.')
@secure()
param encryptionKey string

@description('Id of the active encryption key (letters and digits).')
param activeEncryptionKeyId string

@description('Refuse purging deleted secrets and the vault for the retention period. Once on, it cannot be turned off.')
param enablePurgeProtection bool = true

@description('Log Analytics workspace that receives the vault\'s audit events (every secret read, by whom).')
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection can only be set to true, never back to false: leave it out when not wanted.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// A key left empty is already in the vault (the postprovision hook clears the azd environment's copy): kept as it is.
resource dedupeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(dedupeKey)) {
  parent: vault
  name: 'petitions-dedupe-key'
  properties: {
    value: dedupeKey
    contentType: 'base64 HMAC-SHA256 key (Petitions:DedupeKey)'
  }
}

resource linkSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkKey)) {
  parent: vault
  name: 'petitions-link-key'
  properties: {
    value: linkKey
    contentType: 'base64 HMAC-SHA256 key (Petitions:LinkKey)'
  }
}

resource encryptionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(encryptionKey)) {
  parent: vault
  name: 'petitions-encryption-key-${toLower(activeEncryptionKeyId)}'
  properties: {
    value: encryptionKey
    contentType: 'base64 AES-256 key (Petitions:EncryptionKeys:${activeEncryptionKeyId})'
  }
}

// Who read which secret, and when: the keys protect every signer's personal data.
resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
// Version-less URIs: a Key Vault reference to one follows the latest version of the secret.
output dedupeUri string = '${vault.properties.vaultUri}secrets/petitions-dedupe-key'
output linkUri string = '${vault.properties.vaultUri}secrets/petitions-link-key'
output encryptionUriPrefix string = '${vault.properties.vaultUri}secrets/petitions-encryption-key-'
