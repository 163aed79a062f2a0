// Role assignments, each scoped to the one resource it is for. The app's identity gets what the app
// and the Functions host need; the deploying user (azd's AZURE_PRINCIPAL_ID) gets the same data roles
// only when main.bicep's grantDeployerDataAccess is on, to run the local host or tests against the cloud
// resources with their own Entra ID sign-in.

@description('Principal id of the app\'s user-assigned managed identity.')
param appPrincipalId string

@description('Principal id of the deploying user or service principal; empty for none.')
param userPrincipalId string = ''

@description('Kind of userPrincipalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param userPrincipalType string = 'User'

param storageAccountName string
param keyVaultName string
param applicationInsightsName string
param communicationServiceName string

// Built-in role definition ids (the same in every public cloud tenant).
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Owner, not Contributor: the Functions host manages the blob leases of timers and the
  // deployment container, which Flex Consumption requires Blob Data Owner for.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // "Communication and Email Service Owner": there is no built-in send-only role for ACS Email with
  // Entra ID. This is the narrowest built-in role that allows sending, and it is scoped to this one
  // Communication Services resource only (not the resource group).
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

var storageRoles = [
  roles.storageTableDataContributor
  roles.storageQueueDataContributor
  roles.storageBlobDataOwner
]

var principals = concat(
  [{ id: appPrincipalId, type: 'ServicePrincipal' }],
  empty(userPrincipalId) ? [] : [{ id: userPrincipalId, type: userPrincipalType }]
)

var storageAssignments = flatten(map(principals, principal => map(storageRoles, role => { principal: principal, role: role })))

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in storageAssignments: {
    name: guid(storage.id, assignment.principal.id, assignment.role)
    scope: storage
    properties: {
      principalId: assignment.principal.id
      principalType: assignment.principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.role)
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(vault.id, principal.id, roles.keyVaultSecretsUser)
    scope: vault
    properties: {
      principalId: principal.id
      principalType: principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(communication.id, principal.id, roles.communicationAndEmailServiceOwner)
    scope: communication
    properties: {
      principalId: principal.id
      principalType: principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.communicationAndEmailServiceOwner)
    }
  }
]

// Telemetry with Entra ID auth (local auth is off): only the app sends telemetry.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}
