// The Function App on the Flex Consumption plan (FC1), .NET 10 isolated worker, running as the
// user-assigned identity. Every app setting is either a plain value or a Key Vault reference: no
// connection string, account key or access key anywhere.

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('Version-less Key Vault secret URI of the dedupe key.')
param dedupeKeyUri string

@description('Version-less Key Vault secret URI of the link key.')
param linkKeyUri string

@description('Key Vault secret URI prefix of the encryption keys; the key id (lower case) completes it.')
param encryptionKeyUriPrefix string

@description('Id of the encryption key new rows are encrypted with.')
param activeEncryptionKeyId string

@description('Earlier encryption key ids, still needed to read older rows; their secrets stay in the vault.')
param retiredEncryptionKeyIds array = []

@description('Communication Services endpoint, https://<name>.communication.azure.com.')
param emailEndpoint string

@description('The From address: a sender of a domain linked to the Communication Services resource.')
param emailSenderAddress string

@description('Emails a minute to signers, endorsers and writers, over every instance (0: no budget).')
param emailPerMinute int = 30

@description('Queues the confirmation emails are spread over, 1 to 4 (docs/scale.md).')
@minValue(1)
@maxValue(4)
param confirmationQueues int = 1

@description('Application (client) id of the admin API\'s Entra ID app registration.')
param apiAppId string

@description('Public address for the links in emails; empty for the app\'s own default host name.')
param publicBaseUrl string = ''

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for the HTTP functions (billed even when idle); 0 scales to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstanceCount int = 0

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

var encryptionKeyIds = union([activeEncryptionKeyId], retiredEncryptionKeyIds)

// Settings the app reads (README, Configuration) and the Functions host reads. FUNCTIONS_WORKER_RUNTIME
// and FUNCTIONS_EXTENSION_VERSION must NOT be set on Flex Consumption: functionAppConfig.runtime says it.
var settings = {
  // Functions host and the app's own storage clients (StorageClients): identity-based, shared key is off.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

  // Telemetry with Entra ID auth; the component refuses instrumentation-key ingestion.
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // Secrets: Key Vault references resolved with keyVaultReferenceIdentity. The app refuses to start
  // if one stays unresolved.
  Petitions__DedupeKey: keyVaultReference(dedupeKeyUri)
  Petitions__LinkKey: keyVaultReference(linkKeyUri)
  Petitions__ActiveEncryptionKeyId: activeEncryptionKeyId

  // Confirmation emails through Communication Services, signed in as the app's identity.
  Email__Transport: 'Acs'
  Email__SenderAddress: emailSenderAddress
  Email__Acs__Endpoint: emailEndpoint
  Email__Acs__ManagedIdentityClientId: identityClientId
  Email__PerMinute: string(emailPerMinute)
  Email__ConfirmationQueues: string(confirmationQueues)
  // The triggers of unused shards are off, so no instance polls their queues.
  'AzureWebJobs.SendConfirmationEmail1.Disabled': string(confirmationQueues < 2)
  'AzureWebJobs.GiveUpOnConfirmationEmail1.Disabled': string(confirmationQueues < 2)
  'AzureWebJobs.SendConfirmationEmail2.Disabled': string(confirmationQueues < 3)
  'AzureWebJobs.GiveUpOnConfirmationEmail2.Disabled': string(confirmationQueues < 3)
  'AzureWebJobs.SendConfirmationEmail3.Disabled': string(confirmationQueues < 4)
  'AzureWebJobs.GiveUpOnConfirmationEmail3.Disabled': string(confirmationQueues < 4)

  // Where the links in emails point.
  Links__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl

  // The admin API's Entra ID app registration (Microsoft.Identity.Web).
  AzureAd__Instance: environment().authentication.loginEndpoint
  AzureAd__TenantId: tenant().tenantId
  AzureAd__ClientId: apiAppId
  // The admin console signs in with the same registration; postprovision adds its page as a redirect URI.
  Console__ClientId: apiAppId
}

var encryptionKeySettings = toObject(
  encryptionKeyIds,
  id => 'Petitions__EncryptionKeys__${id}',
  id => keyVaultReference('${encryptionKeyUriPrefix}${toLower(id)}')
)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Platform CORS must stay EMPTY. The app answers CORS itself, per campaign (its allowed
      // origins, 403 for others, preflights, and "*" on the public reads); any origin listed here
      // would make the platform answer instead, before the app sees the request.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // "http" is the group of every HTTP-triggered function.
        alwaysReady: alwaysReadyInstanceCount > 0 ? [{ name: 'http', instanceCount: alwaysReadyInstanceCount }] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(settings, encryptionKeySettings)
  }
}

// No publishing with user names and passwords (FTP, SCM basic auth): azd deploys with Entra ID.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output appSettingNames array = objectKeys(union(settings, encryptionKeySettings))
