// The storage account: the app's tables and queues, the Functions host's own state (blob leases for
// timers, queue trigger bookkeeping) and the blob container Flex Consumption deploys the app package
// from. Shared-key access is disabled: every caller, the app and the deploying user alike, signs in
// with Entra ID and holds a data role (rbac.bicep).

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

param tags object = {}

@description('Tables the app uses (StorageNames.Tables in the app).')
param tableNames array

@description('Queues the app uses (StorageNames.Queues); each also gets its "-poison" queue.')
param queueNames array

@description('Blob container the Flex Consumption app package is deployed to.')
param deploymentContainerName string

@description('Log Analytics workspace that receives the table service\'s read logs.')
param logAnalyticsWorkspaceId string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Every read of the tables (signers' encrypted details live there), with the caller's identity, goes to
// Log Analytics: an investigation can tell the app's own reads from anyone else's. Writes are not sent: on
// a viral day they would be most of the volume and say nothing about who looked at personal data.
resource tableReads 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'reads-to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'StorageRead'
        enabled: true
      }
    ]
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Each queue and its poison queue: the Functions queue trigger moves a message there after
// host.json's maxDequeueCount tries, and the app has triggers on the poison queues too.
var allQueueNames = flatten(map(queueNames, queue => [queue, '${queue}-poison']))

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in allQueueNames: {
    parent: queueService
    name: queue
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
